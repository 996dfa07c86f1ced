-- Usage analytics for admins: daily rollups of the messages table that hold counts, tokens, cost
-- and latency histograms, never a message's text. The dashboard reads only these (admins only),
-- after refresh_usage_rollups() has recomputed the days that may have changed since last time.

create index if not exists messages_created_idx on public.messages (created_at);

-- One row per day, model and companion: replies in conversations (source 'chat') and the stateless
-- OpenAI-compatible completions of api_usage (source 'api', companion null for a plain model).
create table if not exists public.usage_daily (
  day date not null,
  source text not null check (source in ('chat', 'api')),
  model text not null,
  provider text not null,
  companion_id uuid references public.companions (id) on delete cascade,
  user_messages integer not null default 0,
  replies integer not null default 0,
  errors integer not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cost_usd double precision not null default 0
);
create index if not exists usage_daily_day_idx on public.usage_daily (day);
create index if not exists api_usage_created_idx on public.api_usage (created_at);

-- Who wrote at least one message that day: distinct active users over any range.
create table if not exists public.usage_daily_users (
  day date not null,
  user_id uuid not null references public.users (id) on delete cascade,
  primary key (day, user_id)
);

-- Daily active users, counted once per day from usage_daily_users (the chart reads this).
create table if not exists public.usage_daily_active (
  day date primary key,
  users integer not null
);

-- Time to first token (kind 0) and total latency (kind 1) of replies, as counts per logarithmic
-- bucket: bucket b holds values up to 1.25^(b+1) - 1 ms, so percentiles are within about 12%.
create table if not exists public.usage_daily_latency (
  day date not null,
  model text not null,
  kind smallint not null check (kind in (0, 1)),
  bucket smallint not null check (bucket between 0 and 63),
  n integer not null,
  primary key (day, model, kind, bucket)
);

create table if not exists public.usage_rollup_state (
  id boolean primary key default true check (id),
  refreshed_at timestamptz
);
insert into public.usage_rollup_state (id, refreshed_at) values (true, null) on conflict (id) do nothing;

alter table public.usage_daily enable row level security;
alter table public.usage_daily_users enable row level security;
alter table public.usage_daily_active enable row level security;
alter table public.usage_daily_latency enable row level security;
alter table public.usage_rollup_state enable row level security;
revoke all on public.usage_daily, public.usage_daily_users, public.usage_daily_active, public.usage_daily_latency, public.usage_rollup_state from anon, authenticated;
grant select on public.usage_daily, public.usage_daily_users, public.usage_daily_active, public.usage_daily_latency, public.usage_rollup_state to authenticated;

drop policy if exists usage_daily_admin on public.usage_daily;
create policy usage_daily_admin on public.usage_daily for select to authenticated using ((select public.is_admin()));
drop policy if exists usage_daily_users_admin on public.usage_daily_users;
create policy usage_daily_users_admin on public.usage_daily_users for select to authenticated using ((select public.is_admin()));
drop policy if exists usage_daily_active_admin on public.usage_daily_active;
create policy usage_daily_active_admin on public.usage_daily_active for select to authenticated using ((select public.is_admin()));
drop policy if exists usage_daily_latency_admin on public.usage_daily_latency;
create policy usage_daily_latency_admin on public.usage_daily_latency for select to authenticated using ((select public.is_admin()));
drop policy if exists usage_rollup_state_admin on public.usage_rollup_state;
create policy usage_rollup_state_admin on public.usage_rollup_state for select to authenticated using ((select public.is_admin()));

-- Recomputes every day from an hour before the last refresh (replies finish after they start), so
-- a refresh reads only recent messages through messages_created_idx. Admins only.
create or replace function public.refresh_usage_rollups() returns timestamptz
language plpgsql security definer set search_path = public
as $$
declare
  last_refresh timestamptz;
  since_day date;
  since_ts timestamptz;
  started timestamptz := clock_timestamp();
begin
  if not public.is_admin() then
    raise exception 'only admins can refresh usage' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(4227118002);
  select s.refreshed_at into last_refresh from public.usage_rollup_state s where s.id;
  if last_refresh is null then
    since_day := '1970-01-01'::date;
  else
    since_day := ((last_refresh - interval '1 hour') at time zone 'UTC')::date;
  end if;
  since_ts := since_day::timestamp at time zone 'UTC';

  delete from public.usage_daily where day >= since_day;
  delete from public.usage_daily_users where day >= since_day;
  delete from public.usage_daily_latency where day >= since_day;
  delete from public.usage_daily_active where day >= since_day;

  insert into public.usage_daily
    (day, source, model, provider, companion_id, user_messages, replies, errors, input_tokens, output_tokens, cost_usd)
  select (m.created_at at time zone 'UTC')::date, 'chat', coalesce(m.model, c.model), split_part(coalesce(m.model, c.model), '/', 1),
         c.companion_id,
         count(*) filter (where m.role = 'user'),
         count(*) filter (where m.role = 'assistant'),
         count(*) filter (where m.role = 'assistant' and m.status = 'error'),
         coalesce(sum(m.input_tokens), 0), coalesce(sum(m.output_tokens), 0), coalesce(sum(m.cost_usd), 0)
    from public.messages m
    join public.conversations c on c.id = m.conversation_id
   where m.created_at >= since_ts
   group by 1, 2, 3, 4, 5;

  insert into public.usage_daily
    (day, source, model, provider, companion_id, user_messages, replies, errors, input_tokens, output_tokens, cost_usd)
  select (a.created_at at time zone 'UTC')::date, 'api', a.model, split_part(a.model, '/', 1), a.companion_id,
         0, count(*), count(*) filter (where a.status = 'error'),
         coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0), coalesce(sum(a.cost_usd), 0)
    from public.api_usage a
   where a.created_at >= since_ts
   group by 1, 2, 3, 4, 5;

  insert into public.usage_daily_users (day, user_id)
  select distinct (a.created_at at time zone 'UTC')::date, a.user_id
    from public.api_usage a
   where a.created_at >= since_ts
  on conflict do nothing;

  insert into public.usage_daily_users (day, user_id)
  select distinct (m.created_at at time zone 'UTC')::date, m.user_id
    from public.messages m
   where m.created_at >= since_ts and m.role = 'user'
  on conflict do nothing;

  insert into public.usage_daily_active (day, users)
  select day, count(*) from public.usage_daily_users where day >= since_day group by day;

  insert into public.usage_daily_latency (day, model, kind, bucket, n)
  select day, model, kind, bucket, count(*)
    from (
      select (m.created_at at time zone 'UTC')::date as day, m.model, v.kind,
             least(63, floor(ln(v.ms + 1) / ln(1.25)))::smallint as bucket
        from public.messages m
        cross join lateral (values (0::smallint, m.ttft_ms), (1::smallint, m.latency_ms)) as v (kind, ms)
       where m.created_at >= since_ts and m.role = 'assistant' and m.model is not null and v.ms is not null
    ) t
   group by 1, 2, 3, 4;

  update public.usage_rollup_state set refreshed_at = started where id;
  -- After a full build, give the planner real statistics at once rather than after autovacuum.
  if last_refresh is null then
    analyze public.usage_daily;
    analyze public.usage_daily_users;
    analyze public.usage_daily_active;
    analyze public.usage_daily_latency;
  end if;
  return started;
end
$$;
revoke all on function public.refresh_usage_rollups() from public;
grant execute on function public.refresh_usage_rollups() to authenticated;
