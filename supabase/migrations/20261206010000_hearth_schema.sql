-- Hearth moves into a schema of its own, used through roles of its own, so that nothing it
-- creates is reachable through Supabase's Data API whatever the project's settings.
--
-- Before this migration every table and function lived in `public` and RLS policies were written
-- for Supabase's `anon` and `authenticated`. Supabase hands those roles to anyone (the anon key is
-- public; Auth sign-ups are open by default) and its default privileges grant them ALL on every
-- table created in `public`, so a Supabase Auth user could write their own users row as admin.
--
-- After it:
-- * tables and functions live in `hearth`, on which only Hearth's roles have USAGE: PostgREST,
--   GraphQL and anyone holding anon or authenticated cannot name anything in it, even if someone
--   adds `hearth` to the Data API's exposed schemas;
-- * user-scoped work runs as `hearth_user` (anonymous work as `hearth_anon`), roles granted only
--   to the connecting role; no Supabase role is a member of them;
-- * the requesting user comes from the `hearth.user_id` setting, which PostgREST never sets (it
--   sets request.jwt.claims from the caller's token);
-- * hearth.lock_down() takes back every privilege anyone but Hearth's roles holds on objects in
--   the schema (default privileges of the project, grants of earlier migrations); this and every
--   later migration end with it.
-- Every row is kept: tables move with their data, indexes, constraints and policies.

-- Roles exist once per cluster; another database on the same server may have made them already.
do $$
begin
  begin
    create role hearth_user nologin noinherit;
  exception when duplicate_object then null;
  end;
  begin
    create role hearth_anon nologin noinherit;
  exception when duplicate_object then null;
  end;
  if not pg_has_role(current_user, 'hearth_user', 'member') then
    execute format('grant hearth_user to %I', current_user);
  end if;
  if not pg_has_role(current_user, 'hearth_anon', 'member') then
    execute format('grant hearth_anon to %I', current_user);
  end if;
end
$$;

create schema if not exists hearth;
revoke all on schema hearth from public;
grant usage on schema hearth to hearth_user, hearth_anon;

do $$
declare
  t text;
begin
  foreach t in array array[
    'users', 'companions', 'conversations', 'messages', 'api_keys', 'api_usage', 'memories',
    'memory_settings', 'companion_avatars', 'companion_versions', 'companion_slug_redirects',
    'audit_log', 'usage_daily', 'usage_daily_users', 'usage_daily_active', 'usage_daily_latency',
    'usage_rollup_state', 'uploads', 'rate_limit_counters', 'calls', 'call_turns'
  ] loop
    if to_regclass('public.' || t) is not null then
      execute format('alter table public.%I set schema hearth', t);
    end if;
  end loop;
end
$$;

-- Functions move too (policies and column defaults refer to them by identity, so they follow),
-- then get bodies that name hearth's tables, with an empty search_path.
do $$
declare
  f text;
begin
  foreach f in array array[
    'requesting_user_id()', 'requesting_user_enabled()', 'is_admin()',
    'auth_register_user(text, text, text, boolean)', 'auth_credentials(text)', 'auth_oauth_user(text, text)',
    'auth_api_key(text)', 'admin_update_user(uuid, text, boolean)', 'delete_own_account()',
    'memory_candidates(uuid, text[], integer)', 'refresh_usage_rollups()',
    'rate_limit_take(text[], integer[], integer[], timestamp with time zone)'
  ] loop
    if to_regprocedure('public.' || f) is not null then
      execute format('alter function public.%s set schema hearth', f);
    end if;
  end loop;
end
$$;

-- No search_path clause: it would stop the planner from inlining this into every policy.
create or replace function hearth.requesting_user_id() returns uuid
language sql stable
as $$
  select nullif(current_setting('hearth.user_id', true), '')::uuid
$$;

create or replace function hearth.requesting_user_enabled() returns boolean
language sql stable security definer set search_path = ''
as $$
  select not exists (
    select 1 from hearth.users u where u.id = hearth.requesting_user_id() and u.disabled_at is not null
  )
$$;

create or replace function hearth.is_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from hearth.users u
    where u.id = hearth.requesting_user_id() and u.role = 'admin' and u.disabled_at is null
  )
$$;

create or replace function hearth.auth_register_user(p_email text, p_name text, p_password_hash text, p_is_guest boolean)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  new_id uuid;
begin
  insert into hearth.users (email, name, password_hash, is_guest)
  values (lower(p_email), p_name, p_password_hash, p_is_guest)
  on conflict (email) do nothing
  returning id into new_id;
  return new_id; -- null when the email is taken
end
$$;

create or replace function hearth.auth_credentials(p_email text)
returns table (id uuid, email text, name text, password_hash text, role text)
language sql stable security definer set search_path = ''
as $$
  select u.id, u.email, u.name, u.password_hash, u.role
  from hearth.users u
  where u.email = lower(p_email) and not u.is_guest and u.disabled_at is null
$$;

create or replace function hearth.auth_oauth_user(p_email text, p_name text)
returns table (id uuid, role text)
language plpgsql security definer set search_path = ''
as $$
begin
  insert into hearth.users (email, name) values (lower(p_email), p_name)
  on conflict (email) do nothing;
  return query select u.id, u.role from hearth.users u where u.email = lower(p_email) and u.disabled_at is null;
end
$$;

create or replace function hearth.auth_api_key(p_hash text)
returns table (user_id uuid, role text)
language plpgsql security definer set search_path = ''
as $$
begin
  update hearth.api_keys k
     set last_used_at = now()
   where k.key_hash = p_hash
     and k.revoked_at is null
     and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
  return query
    select u.id, u.role
      from hearth.api_keys k
      join hearth.users u on u.id = k.user_id
     where k.key_hash = p_hash and k.revoked_at is null and u.disabled_at is null;
end
$$;

create or replace function hearth.admin_update_user(p_user uuid, p_role text, p_disabled boolean)
returns table (id uuid, email text, name text, role text, disabled_at timestamptz)
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if not hearth.is_admin() then
    raise exception 'only admins can change users' using errcode = '42501';
  end if;
  if p_user = hearth.requesting_user_id() then
    raise exception 'admins cannot change their own role or disable themselves' using errcode = 'P0001';
  end if;
  return query
    update hearth.users u
       set role = coalesce(p_role, u.role),
           disabled_at = case
             when p_disabled is null then u.disabled_at
             when p_disabled then coalesce(u.disabled_at, now())
             else null end
     where u.id = p_user
    returning u.id, u.email, u.name, u.role, u.disabled_at;
end
$$;

create or replace function hearth.delete_own_account() returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := hearth.requesting_user_id();
begin
  if me is null then
    return false;
  end if;
  delete from hearth.users where id = me;
  return found;
end
$$;

create or replace function hearth.memory_candidates(p_companion uuid, p_terms text[], p_per_term int default 15)
returns table (
  id uuid, companion_id uuid, kind text, subject text, content text, importance smallint, event_date date,
  source_message_id uuid, source_conversation_id uuid, created_at timestamptz, updated_at timestamptz,
  last_used_at timestamptz, embedding real[], relevance float8
)
language sql stable security definer set search_path = ''
as $$
  with me as (
    select hearth.requesting_user_id() as uid
  ), settings as (
    select
      coalesce((select s.enabled from hearth.memory_settings s, me where s.user_id = me.uid and s.companion_id = p_companion), true) as enabled,
      coalesce((select s.enabled from hearth.memory_settings s, me where s.user_id = me.uid and s.companion_id is null), false) as shared
  ), scoped as (
    select me.uid, settings.shared from me, settings where settings.enabled and me.uid is not null
  ), matched as (
    select x.id from scoped, unnest(p_terms) as t(term), lateral (
      select m.id from hearth.memories m
       where m.user_id = scoped.uid
         and (m.companion_id = p_companion or (m.companion_id is null and scoped.shared))
         and m.search @@ to_tsquery('simple', quote_literal(t.term) || ':*')
       order by m.importance desc, m.updated_at desc limit p_per_term
    ) x
  ), salient as (
    select s.id from (
      (select m.id, m.importance, m.updated_at from hearth.memories m, scoped
        where m.user_id = scoped.uid and m.companion_id = p_companion
        order by m.importance desc, m.updated_at desc limit 20)
      union all
      (select m.id, m.importance, m.updated_at from hearth.memories m, scoped
        where m.user_id = scoped.uid and m.companion_id is null and scoped.shared
        order by m.importance desc, m.updated_at desc limit 20)
    ) s order by s.importance desc, s.updated_at desc limit 20
  ), query as (
    select to_tsquery('simple', coalesce(string_agg(quote_literal(term) || ':*', ' | '), '')) as q from unnest(p_terms) as term
  )
  select m.id, m.companion_id, m.kind, m.subject, m.content, m.importance, m.event_date, m.source_message_id,
         m.source_conversation_id, m.created_at, m.updated_at, m.last_used_at, m.embedding,
         case when m.search @@ query.q then ts_rank_cd(m.search, query.q) else 0 end::float8
    from (select matched.id from matched union select salient.id from salient) x
    join hearth.memories m on m.id = x.id, query, scoped
   where m.user_id = scoped.uid
$$;

create or replace function hearth.rate_limit_take(p_buckets text[], p_limits integer[], p_windows_ms integer[], p_now timestamptz)
returns table (allowed boolean, counts integer[], resets_at timestamptz[])
language plpgsql
set search_path = ''
as $$
declare
  v_counts integer[];
  v_resets timestamptz[];
  v_full boolean;
begin
  with wanted as (
    select w.bucket, w.window_ms, w.i
      from unnest(p_buckets, p_windows_ms) with ordinality as w(bucket, window_ms, i)
  ), taken as (
    insert into hearth.rate_limit_counters as c (bucket, count, resets_at)
    select wanted.bucket, 1, p_now + wanted.window_ms * interval '1 millisecond'
      from wanted
     order by wanted.bucket
    on conflict (bucket) do update
       set count = case when c.resets_at <= p_now then 1 else c.count + 1 end,
           resets_at = case when c.resets_at <= p_now then excluded.resets_at else c.resets_at end
    returning c.bucket, c.count, c.resets_at
  )
  select array_agg(taken.count order by wanted.i),
         array_agg(taken.resets_at order by wanted.i),
         bool_or(taken.count > p_limits[wanted.i])
    into v_counts, v_resets, v_full
    from taken join wanted using (bucket);

  if v_full then
    update hearth.rate_limit_counters c set count = c.count - 1 where c.bucket = any (p_buckets);
  end if;
  return query select not v_full, v_counts, v_resets;
end
$$;

-- The rollups are refreshed by the scheduled job (outside any user scope) and by an admin opening
-- the dashboard: the work is in rollup_usage(), which only the owner may run, and the admin door
-- checks is_admin() first.
create or replace function hearth.rollup_usage() returns timestamptz
language plpgsql set search_path = ''
as $$
declare
  last_refresh timestamptz;
  since_day date;
  since_ts timestamptz;
  started timestamptz := clock_timestamp();
begin
  perform pg_advisory_xact_lock(4227118002);
  select s.refreshed_at into last_refresh from hearth.usage_rollup_state s where s.id;
  if last_refresh is null then
    since_day := '1970-01-01'::date;
  else
    since_day := ((last_refresh - interval '1 hour') at time zone 'UTC')::date;
  end if;
  since_ts := since_day::timestamp at time zone 'UTC';

  delete from hearth.usage_daily where day >= since_day;
  delete from hearth.usage_daily_users where day >= since_day;
  delete from hearth.usage_daily_latency where day >= since_day;
  delete from hearth.usage_daily_active where day >= since_day;

  insert into hearth.usage_daily
    (day, source, model, provider, companion_id, user_messages, replies, errors, input_tokens, output_tokens, cost_usd)
  select (m.created_at at time zone 'UTC')::date, 'chat', coalesce(m.model, c.model), split_part(coalesce(m.model, c.model), '/', 1),
         c.companion_id,
         count(*) filter (where m.role = 'user'),
         count(*) filter (where m.role = 'assistant'),
         count(*) filter (where m.role = 'assistant' and m.status = 'error'),
         coalesce(sum(m.input_tokens), 0), coalesce(sum(m.output_tokens), 0), coalesce(sum(m.cost_usd), 0)
    from hearth.messages m
    join hearth.conversations c on c.id = m.conversation_id
   where m.created_at >= since_ts
   group by 1, 2, 3, 4, 5;

  insert into hearth.usage_daily
    (day, source, model, provider, companion_id, user_messages, replies, errors, input_tokens, output_tokens, cost_usd)
  select (a.created_at at time zone 'UTC')::date, 'api', a.model, split_part(a.model, '/', 1), a.companion_id,
         0, count(*), count(*) filter (where a.status = 'error'),
         coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0), coalesce(sum(a.cost_usd), 0)
    from hearth.api_usage a
   where a.created_at >= since_ts
   group by 1, 2, 3, 4, 5;

  insert into hearth.usage_daily_users (day, user_id)
  select distinct (a.created_at at time zone 'UTC')::date, a.user_id
    from hearth.api_usage a
   where a.created_at >= since_ts
  on conflict do nothing;

  insert into hearth.usage_daily_users (day, user_id)
  select distinct (m.created_at at time zone 'UTC')::date, m.user_id
    from hearth.messages m
   where m.created_at >= since_ts and m.role = 'user'
  on conflict do nothing;

  insert into hearth.usage_daily_active (day, users)
  select day, count(*) from hearth.usage_daily_users where day >= since_day group by day;

  insert into hearth.usage_daily_latency (day, model, kind, bucket, n)
  select day, model, kind, bucket, count(*)
    from (
      select (m.created_at at time zone 'UTC')::date as day, m.model, v.kind,
             least(63, floor(ln(v.ms + 1) / ln(1.25)))::smallint as bucket
        from hearth.messages m
        cross join lateral (values (0::smallint, m.ttft_ms), (1::smallint, m.latency_ms)) as v (kind, ms)
       where m.created_at >= since_ts and m.role = 'assistant' and m.model is not null and v.ms is not null
    ) t
   group by 1, 2, 3, 4;

  update hearth.usage_rollup_state set refreshed_at = started where id;
  -- After a full build, give the planner real statistics at once rather than after autovacuum.
  if last_refresh is null then
    analyze hearth.usage_daily;
    analyze hearth.usage_daily_users;
    analyze hearth.usage_daily_active;
    analyze hearth.usage_daily_latency;
  end if;
  return started;
end
$$;

create or replace function hearth.refresh_usage_rollups() returns timestamptz
language plpgsql security definer set search_path = ''
as $$
begin
  if not hearth.is_admin() then
    raise exception 'only admins can refresh usage' using errcode = '42501';
  end if;
  return hearth.rollup_usage();
end
$$;

-- Takes back every privilege on the schema's tables, sequences and functions held by anyone but
-- their owner and Hearth's two roles: PUBLIC (functions are executable by PUBLIC by default),
-- Supabase's anon, authenticated and service_role, or any role a project's default privileges
-- name. Migrations call it last; Hearth's own grants follow from the migrations themselves.
create or replace function hearth.lock_down() returns void
language plpgsql set search_path = ''
as $$
declare
  o record;
  keep oid[] := array[
    (select oid from pg_catalog.pg_roles where rolname = 'hearth_user'),
    (select oid from pg_catalog.pg_roles where rolname = 'hearth_anon')
  ];
begin
  for o in
    select c.oid, c.relkind, c.relowner as owner, c.relacl as acl
      from pg_catalog.pg_class c
     where c.relnamespace = 'hearth'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  loop
    execute format('revoke all on %s %s from public', case when o.relkind = 'S' then 'sequence' else 'table' end, o.oid::regclass);
    perform hearth.revoke_from_grantees(
      format('%s %s', case when o.relkind = 'S' then 'sequence' else 'table' end, o.oid::regclass),
      array(
        select a.grantee from pg_catalog.aclexplode(o.acl) a
        union
        select a.grantee from pg_catalog.pg_attribute att, pg_catalog.aclexplode(att.attacl) a
         where att.attrelid = o.oid and att.attacl is not null
      ),
      o.owner, keep
    );
  end loop;
  for o in
    select p.oid, p.proowner as owner, p.proacl as acl
      from pg_catalog.pg_proc p
     where p.pronamespace = 'hearth'::regnamespace
  loop
    execute format('revoke all on function %s from public', o.oid::regprocedure);
    perform hearth.revoke_from_grantees(
      format('function %s', o.oid::regprocedure),
      array(select a.grantee from pg_catalog.aclexplode(o.acl) a),
      o.owner, keep
    );
  end loop;
end
$$;

create or replace function hearth.revoke_from_grantees(p_object text, p_grantees oid[], p_owner oid, p_keep oid[]) returns void
language plpgsql set search_path = ''
as $$
declare
  g oid;
begin
  foreach g in array p_grantees loop
    if g <> 0 and g <> p_owner and not (g = any (p_keep)) then
      execute format('revoke all on %s from %I', p_object, (select rolname from pg_catalog.pg_roles where oid = g));
    end if;
  end loop;
end
$$;

-- Policies now apply to Hearth's roles, not Supabase's.
do $$
declare
  p record;
begin
  for p in select tablename, policyname, roles from pg_catalog.pg_policies where schemaname = 'hearth' loop
    execute format(
      'alter policy %I on hearth.%I to %s',
      p.policyname, p.tablename,
      case when 'anon' = any (p.roles) then 'hearth_anon, hearth_user' else 'hearth_user' end
    );
  end loop;
end
$$;

-- Storage: the server reaches the bucket with the service role only, so no policy lets a
-- Supabase Auth user into it (one whose id equalled a Hearth user's would have read their files).
do $$
begin
  if to_regclass('storage.objects') is not null then
    execute 'drop policy if exists hearth_media_own_read on storage.objects';
    execute 'drop policy if exists hearth_media_own_insert on storage.objects';
    execute 'drop policy if exists hearth_media_own_delete on storage.objects';
  end if;
end
$$;

-- The migration ledger (supabase_migrations.schema_migrations, shared with `supabase db push`)
-- is nobody's business but the owner's.
do $$
declare
  r text;
begin
  if to_regclass('supabase_migrations.schema_migrations') is not null then
    alter table supabase_migrations.schema_migrations enable row level security;
    revoke all on supabase_migrations.schema_migrations from public;
    foreach r in array array['anon', 'authenticated', 'service_role', 'authenticator'] loop
      if exists (select 1 from pg_catalog.pg_roles where rolname = r) then
        execute format('revoke all on supabase_migrations.schema_migrations from %I', r);
        execute format('revoke all on schema supabase_migrations from %I', r);
      end if;
    end loop;
  end if;
end
$$;

select hearth.lock_down();

-- What each role may do: exactly what it did before, now granted to Hearth's roles.
grant select, update (name) on hearth.users to hearth_user;
grant select on hearth.companions to hearth_anon, hearth_user;
grant insert, update on hearth.companions to hearth_user;
grant select, insert, update, delete on hearth.conversations, hearth.messages, hearth.memories, hearth.memory_settings to hearth_user;
grant select (id, user_id, name, prefix, created_at, last_used_at, revoked_at) on hearth.api_keys to hearth_user;
grant insert (name, prefix, key_hash) on hearth.api_keys to hearth_user;
grant update (revoked_at) on hearth.api_keys to hearth_user;
grant select, insert on hearth.api_usage, hearth.audit_log, hearth.companion_versions to hearth_user;
grant select, insert, update on hearth.calls, hearth.call_turns to hearth_user;
grant select on hearth.companion_avatars, hearth.companion_slug_redirects to hearth_anon, hearth_user;
grant insert, update, delete on hearth.companion_avatars, hearth.companion_slug_redirects to hearth_user;
grant select, insert, delete on hearth.uploads to hearth_user;
grant update (conversation_id, message_id) on hearth.uploads to hearth_user;
grant select on hearth.usage_daily, hearth.usage_daily_users, hearth.usage_daily_active,
  hearth.usage_daily_latency, hearth.usage_rollup_state to hearth_user;

grant execute on function hearth.requesting_user_id() to hearth_user, hearth_anon;
grant execute on function hearth.is_admin() to hearth_user, hearth_anon;
grant execute on function hearth.requesting_user_enabled() to hearth_user;
grant execute on function hearth.auth_register_user(text, text, text, boolean) to hearth_anon;
grant execute on function hearth.auth_credentials(text) to hearth_anon;
grant execute on function hearth.auth_oauth_user(text, text) to hearth_anon;
grant execute on function hearth.auth_api_key(text) to hearth_anon;
grant execute on function hearth.admin_update_user(uuid, text, boolean) to hearth_user;
grant execute on function hearth.delete_own_account() to hearth_user;
grant execute on function hearth.memory_candidates(uuid, text[], integer) to hearth_user;
grant execute on function hearth.refresh_usage_rollups() to hearth_user;
