-- Admins: roles that RLS trusts (read from the users table, never from the token), disabled
-- accounts, the persona studio's columns, versions, slug redirects, avatars stored in the database,
-- and the audit log. Users' conversations and messages stay private: no admin policy touches them.

alter table public.users
  add column if not exists disabled_at timestamptz;

-- Whether the requesting user is an enabled admin. Policies call it as (select public.is_admin()),
-- so it runs once per query, not once per row. security definer: it reads the users table as its
-- owner, so policies on users can call it without recursing, and a user cannot fake it with claims.
create or replace function public.is_admin() returns boolean
language sql stable security definer set search_path = public
as $$
  select exists (
    select 1 from public.users u
    where u.id = public.requesting_user_id() and u.role = 'admin' and u.disabled_at is null
  )
$$;
revoke all on function public.is_admin() from public;
grant execute on function public.is_admin() to anon, authenticated;

-- Companions: the fields of a persona (Character Card V2/V3 fields included) and its lifecycle.
alter table public.companions
  add column if not exists personality text not null default '' check (char_length(personality) <= 20000),
  add column if not exists scenario text not null default '' check (char_length(scenario) <= 20000),
  add column if not exists example_dialogue text not null default '' check (char_length(example_dialogue) <= 20000),
  add column if not exists alternate_greetings text[] not null default '{}' check (cardinality(alternate_greetings) <= 20),
  add column if not exists post_history_instructions text not null default '' check (char_length(post_history_instructions) <= 20000),
  add column if not exists creator text not null default '' check (char_length(creator) <= 200),
  add column if not exists character_version text not null default '' check (char_length(character_version) <= 100),
  add column if not exists creator_notes text not null default '' check (char_length(creator_notes) <= 20000),
  -- What a character card carried that Hearth has no column for (extensions, character_book, ...),
  -- kept so that an export gives it back.
  add column if not exists card_extra jsonb not null default '{}'::jsonb check (jsonb_typeof(card_extra) = 'object'),
  add column if not exists voice text check (voice is null or char_length(voice) <= 100),
  add column if not exists max_output_tokens integer check (max_output_tokens is null or max_output_tokens between 1 and 65536),
  add column if not exists visibility text not null default 'published' check (visibility in ('draft', 'published')),
  add column if not exists archived_at timestamptz,
  add column if not exists updated_by uuid references public.users (id) on delete set null;

-- Imported cards carry long descriptions (4,000 was the seed's budget, not a real limit).
alter table public.companions drop constraint if exists companions_description_check;
alter table public.companions add constraint companions_description_check check (char_length(description) <= 20000);

create index if not exists companions_updated_idx on public.companions (updated_at desc);

grant insert, update on public.companions to authenticated;

-- People see published, unarchived companions; admins see and write every one. No delete: archive.
drop policy if exists companions_active_readable on public.companions;
create policy companions_active_readable on public.companions
  for select to anon, authenticated
  using (active and visibility = 'published' and archived_at is null);

drop policy if exists companions_admin_read on public.companions;
create policy companions_admin_read on public.companions
  for select to authenticated using ((select public.is_admin()));

drop policy if exists companions_admin_insert on public.companions;
create policy companions_admin_insert on public.companions
  for insert to authenticated with check ((select public.is_admin()));

drop policy if exists companions_admin_update on public.companions;
create policy companions_admin_update on public.companions
  for update to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));

-- Avatars uploaded in the studio, served by /api/avatars/{companion id}. Whoever can see the
-- companion can see its avatar (the subquery runs under the caller's companion policies).
create table if not exists public.companion_avatars (
  companion_id uuid primary key references public.companions (id) on delete cascade,
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
  bytes bytea not null check (octet_length(bytes) between 1 and 2097152),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz not null default now()
);
alter table public.companion_avatars enable row level security;
revoke all on public.companion_avatars from anon, authenticated;
grant select on public.companion_avatars to anon, authenticated;
grant insert, update, delete on public.companion_avatars to authenticated;

drop policy if exists companion_avatars_visible on public.companion_avatars;
create policy companion_avatars_visible on public.companion_avatars
  for select to anon, authenticated
  using (exists (select 1 from public.companions c where c.id = companion_id));

drop policy if exists companion_avatars_admin_write on public.companion_avatars;
create policy companion_avatars_admin_write on public.companion_avatars
  for all to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));

-- Every save of a persona is a version: the whole persona as JSON, who saved it and when.
create table if not exists public.companion_versions (
  id uuid primary key default gen_random_uuid(),
  companion_id uuid not null references public.companions (id) on delete cascade,
  version integer not null check (version >= 1),
  snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object'),
  author_id uuid references public.users (id) on delete set null default public.requesting_user_id(),
  note text not null default '' check (char_length(note) <= 200),
  created_at timestamptz not null default now(),
  unique (companion_id, version)
);
alter table public.companion_versions enable row level security;
revoke all on public.companion_versions from anon, authenticated;
grant select, insert on public.companion_versions to authenticated;

drop policy if exists companion_versions_admin on public.companion_versions;
create policy companion_versions_admin on public.companion_versions
  for all to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));

-- A renamed slug keeps working: old links redirect to the companion's current slug.
create table if not exists public.companion_slug_redirects (
  old_slug text primary key check (old_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(old_slug) <= 64),
  companion_id uuid not null references public.companions (id) on delete cascade,
  created_at timestamptz not null default now()
);
alter table public.companion_slug_redirects enable row level security;
revoke all on public.companion_slug_redirects from anon, authenticated;
grant select on public.companion_slug_redirects to anon, authenticated;
grant insert, update, delete on public.companion_slug_redirects to authenticated;

drop policy if exists companion_slug_redirects_read on public.companion_slug_redirects;
create policy companion_slug_redirects_read on public.companion_slug_redirects
  for select to anon, authenticated using (true);

drop policy if exists companion_slug_redirects_admin on public.companion_slug_redirects;
create policy companion_slug_redirects_admin on public.companion_slug_redirects
  for all to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));

-- The audit log: every admin action, who did it, when, and the record before and after.
-- Written in the same transaction as the action; never edited; read by admins only.
create table if not exists public.audit_log (
  id uuid primary key default gen_random_uuid(),
  -- null for maintenance jobs (ADMIN_EMAILS at sign-in, npm run admin:grant).
  actor_id uuid references public.users (id) on delete set null default public.requesting_user_id(),
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$' and char_length(action) <= 64),
  target_type text not null check (target_type in ('companion', 'user')),
  target_id uuid,
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now()
);
create index if not exists audit_log_created_idx on public.audit_log (created_at desc, id desc);
create index if not exists audit_log_target_idx on public.audit_log (target_id, created_at desc);
alter table public.audit_log enable row level security;
revoke all on public.audit_log from anon, authenticated;
grant select, insert on public.audit_log to authenticated;

drop policy if exists audit_log_admin_read on public.audit_log;
create policy audit_log_admin_read on public.audit_log
  for select to authenticated using ((select public.is_admin()));

drop policy if exists audit_log_admin_insert on public.audit_log;
create policy audit_log_admin_insert on public.audit_log
  for insert to authenticated
  with check ((select public.is_admin()) and actor_id = (select public.requesting_user_id()));

-- Admins read every user's row (not their conversations); role and disabled change through
-- admin_update_user only, so nobody can grant themselves a column they should not have.
drop policy if exists users_admin_read on public.users;
create policy users_admin_read on public.users
  for select to authenticated using ((select public.is_admin()));

create or replace function public.admin_update_user(p_user uuid, p_role text, p_disabled boolean)
returns table (id uuid, email text, name text, role text, disabled_at timestamptz)
language plpgsql security definer set search_path = public
as $$
#variable_conflict use_column
begin
  if not public.is_admin() then
    raise exception 'only admins can change users' using errcode = '42501';
  end if;
  if p_user = public.requesting_user_id() then
    raise exception 'admins cannot change their own role or disable themselves' using errcode = 'P0001';
  end if;
  return query
    update public.users u
       set role = coalesce(p_role, u.role),
           disabled_at = case
             when p_disabled is null then u.disabled_at
             when p_disabled then coalesce(u.disabled_at, now())
             else null end
     where u.id = p_user
    returning u.id, u.email, u.name, u.role, u.disabled_at;
end
$$;
revoke all on function public.admin_update_user(uuid, text, boolean) from public;
grant execute on function public.admin_update_user(uuid, text, boolean) to authenticated;

-- A disabled account cannot sign in (password or OAuth) and its API keys stop working.
-- (Same signatures as before, so create or replace keeps the existing grants.)
create or replace function public.auth_credentials(p_email text)
returns table (id uuid, email text, name text, password_hash text, role text)
language sql stable security definer set search_path = public
as $$
  select u.id, u.email, u.name, u.password_hash, u.role
  from public.users u
  where u.email = lower(p_email) and not u.is_guest and u.disabled_at is null
$$;

create or replace function public.auth_oauth_user(p_email text, p_name text)
returns table (id uuid, role text)
language plpgsql security definer set search_path = public
as $$
begin
  insert into public.users (email, name) values (lower(p_email), p_name)
  on conflict (email) do nothing;
  return query select u.id, u.role from public.users u where u.email = lower(p_email) and u.disabled_at is null;
end
$$;

create or replace function public.auth_api_key(p_hash text)
returns table (user_id uuid, role text)
language plpgsql security definer set search_path = public
as $$
begin
  update public.api_keys k
     set last_used_at = now()
   where k.key_hash = p_hash
     and k.revoked_at is null
     and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
  return query
    select u.id, u.role
      from public.api_keys k
      join public.users u on u.id = k.user_id
     where k.key_hash = p_hash and k.revoked_at is null and u.disabled_at is null;
end
$$;

-- A disabled account whose browser still holds a session writes nothing more: new conversations
-- and messages are refused (reads of its own history are untouched). Only writes pay this lookup.
create or replace function public.requesting_user_enabled() returns boolean
language sql stable security definer set search_path = public
as $$
  select not exists (
    select 1 from public.users u where u.id = public.requesting_user_id() and u.disabled_at is not null
  )
$$;
revoke all on function public.requesting_user_enabled() from public;
grant execute on function public.requesting_user_enabled() to authenticated;

drop policy if exists conversations_own on public.conversations;
create policy conversations_own on public.conversations
  for all to authenticated
  using (user_id = (select public.requesting_user_id()))
  with check (user_id = (select public.requesting_user_id()) and (select public.requesting_user_enabled()));

drop policy if exists messages_own on public.messages;
create policy messages_own on public.messages
  for all to authenticated
  using (user_id = (select public.requesting_user_id()))
  with check (
    user_id = (select public.requesting_user_id())
    and (select public.requesting_user_enabled())
    and exists (
      select 1 from public.conversations c
      where c.id = conversation_id and c.user_id = (select public.requesting_user_id())
    )
  );
