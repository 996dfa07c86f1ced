-- The quota's statement in front of every reply (hearth.reply_take) commits without waiting for its
-- WAL to reach the disk. It holds its user's stream-slot lock until that commit, so the disk flush
-- was inside the lock and on the path to every first token. What it writes is counters and stream
-- slots: a crash can lose at most the last fraction of a second of them (a few replies not counted
-- against a limit, slots that would have expired anyway), and never a message, which commits as
-- before.
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
  perform set_config('synchronous_commit', 'off', true);
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
