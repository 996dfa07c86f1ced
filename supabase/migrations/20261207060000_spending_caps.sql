-- Spending caps: what each account spends per UTC day (tokens and cost), and the replies it has
-- generating at once. Both are checked in the same statement as the reply's rate limits and, for
-- the web chat, its session check: no round trip is added in front of a reply.

-- Tokens and cost per account and UTC day, kept by triggers on what records usage (replies,
-- API completions) and by record_own_spend (memory extraction and rolling summaries).
create table if not exists hearth.spend_daily (
  user_id uuid not null references hearth.users (id) on delete cascade,
  day date not null,
  tokens bigint not null default 0,
  cost_usd double precision not null default 0,
  primary key (user_id, day)
);
alter table hearth.spend_daily enable row level security;

drop policy if exists spend_daily_own_read on hearth.spend_daily;
create policy spend_daily_own_read on hearth.spend_daily
  for select to hearth_user
  using (user_id = (select hearth.requesting_user_id()));

-- A reply being generated holds a slot until it is saved; a process that died mid-reply leaves its
-- slot to expire (expires_at: the longest a reply may take, and a margin). No policy: only the
-- rate limiter, outside any user scope, reads and writes it.
create table if not exists hearth.stream_slots (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references hearth.users (id) on delete cascade,
  expires_at timestamptz not null
);
create index if not exists stream_slots_user_idx on hearth.stream_slots (user_id, expires_at);
alter table hearth.stream_slots enable row level security;

create or replace function hearth.add_spend(p_user uuid, p_tokens bigint, p_cost double precision) returns void
language sql set search_path = ''
as $$
  insert into hearth.spend_daily as s (user_id, day, tokens, cost_usd)
  values (p_user, (now() at time zone 'UTC')::date, greatest(p_tokens, 0), greatest(p_cost, 0))
  on conflict (user_id, day) do update
     set tokens = s.tokens + excluded.tokens, cost_usd = s.cost_usd + excluded.cost_usd
$$;

-- A reply's usage counts once it is recorded (finishReply writes the tokens and cost). Only what an
-- update adds counts: a lowered figure refunds nothing, and deleting a message refunds nothing.
create or replace function hearth.spend_on_reply() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_tokens bigint := coalesce(new.input_tokens, 0) + coalesce(new.output_tokens, 0);
  v_cost double precision := coalesce(new.cost_usd, 0);
begin
  if tg_op = 'UPDATE' then
    v_tokens := v_tokens - coalesce(old.input_tokens, 0) - coalesce(old.output_tokens, 0);
    v_cost := v_cost - coalesce(old.cost_usd, 0);
  end if;
  if new.role = 'assistant' and (v_tokens > 0 or v_cost > 0) then
    perform hearth.add_spend(new.user_id, v_tokens, v_cost);
  end if;
  return null;
end
$$;

drop trigger if exists messages_spend on hearth.messages;
create trigger messages_spend
  after insert or update of input_tokens, output_tokens, cost_usd on hearth.messages
  for each row execute function hearth.spend_on_reply();

create or replace function hearth.spend_on_api_usage() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform hearth.add_spend(new.user_id, coalesce(new.input_tokens, 0) + coalesce(new.output_tokens, 0), coalesce(new.cost_usd, 0));
  return null;
end
$$;

drop trigger if exists api_usage_spend on hearth.api_usage;
create trigger api_usage_spend
  after insert on hearth.api_usage
  for each row execute function hearth.spend_on_api_usage();

-- Model calls made for the signed-in user outside a reply (memory extraction, rolling summaries).
create or replace function hearth.record_own_spend(p_tokens bigint, p_cost double precision) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := hearth.requesting_user_id();
begin
  if me is not null then
    perform hearth.add_spend(me, p_tokens, p_cost);
  end if;
end
$$;

-- Everything in front of a reply, in one statement (one round trip before the first token):
-- 1. with p_check_session, the session still stands (else session_valid is false);
-- 2. the account's spend today is under p_budget_tokens (0: no budget), else refusal 'daily_budget';
-- 3. fewer than p_max_streams replies of the account are generating (0: no cap), else refusal
--    'concurrent_streams'; expired slots are cleared first;
-- 4. the rate-limit buckets (none given: the store keeping them is Redis, called beside this);
-- 5. once everything allowed it, a stream slot for p_slot_ttl_ms, returned as slot.
-- Nothing is counted or held for a refused reply. Run by the rate limiter outside any user scope.
create or replace function hearth.reply_take(
  p_user uuid, p_check_session boolean, p_session uuid, p_version integer, p_role text, p_is_guest boolean,
  p_buckets text[], p_limits integer[], p_windows_ms integer[], p_now timestamptz,
  p_budget_tokens bigint, p_max_streams integer, p_slot_ttl_ms integer)
returns table (session_valid boolean, refusal text, allowed boolean, counts integer[], resets_at timestamptz[],
               spent bigint, streams integer, slot uuid)
language plpgsql set search_path = ''
as $$
declare
  s record;
  v_spent bigint := 0;
  v_streams integer := 0;
  v_allowed boolean := true;
  v_counts integer[] := '{}';
  v_resets timestamptz[] := '{}';
  v_slot uuid;
begin
  if p_check_session then
    select * into s from hearth.auth_session_state(p_user, p_session);
    if not found or s.disabled or not s.session_live or s.session_version <> p_version
       or s.role <> p_role or s.is_guest <> p_is_guest then
      return query select false, null::text, false, null::integer[], null::timestamptz[], 0::bigint, 0, null::uuid;
      return;
    end if;
  end if;

  if p_budget_tokens > 0 then
    select d.tokens into v_spent from hearth.spend_daily d
     where d.user_id = p_user and d.day = (p_now at time zone 'UTC')::date;
    v_spent := coalesce(v_spent, 0);
    if v_spent >= p_budget_tokens then
      return query select true, 'daily_budget'::text, false, null::integer[], null::timestamptz[], v_spent, 0, null::uuid;
      return;
    end if;
  end if;

  if p_max_streams > 0 then
    -- Two replies asked for at once must not both take the last slot.
    perform pg_advisory_xact_lock(hashtextextended('hearth.stream_slots:' || p_user::text, 0));
    delete from hearth.stream_slots x where x.user_id = p_user and x.expires_at <= p_now;
    select count(*) into v_streams from hearth.stream_slots x where x.user_id = p_user;
    if v_streams >= p_max_streams then
      return query select true, 'concurrent_streams'::text, false, null::integer[], null::timestamptz[], v_spent, v_streams, null::uuid;
      return;
    end if;
  end if;

  if cardinality(p_buckets) > 0 then
    select t.allowed, t.counts, t.resets_at into v_allowed, v_counts, v_resets
      from hearth.rate_limit_take(p_buckets, p_limits, p_windows_ms, p_now) t;
  end if;

  if v_allowed and p_max_streams > 0 then
    insert into hearth.stream_slots (user_id, expires_at)
    values (p_user, p_now + p_slot_ttl_ms * interval '1 millisecond')
    returning id into v_slot;
  end if;
  return query select true, null::text, v_allowed, v_counts, v_resets, v_spent, v_streams, v_slot;
end
$$;

select hearth.lock_down();

grant select (user_id, day, tokens, cost_usd) on hearth.spend_daily to hearth_user;
grant execute on function hearth.record_own_spend(bigint, double precision) to hearth_user;
