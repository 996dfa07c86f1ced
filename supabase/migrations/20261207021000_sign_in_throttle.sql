-- Failed sign-ins, per account, per known device and per client address, with growing delays
-- that are capped (docs/architecture/sessions-and-sign-in.md gives the schedule and why).
--
-- Every attempt counts until it succeeds, so that parallel guesses cannot all slip in before the
-- first failure is written; a success clears the account's (or device's) count and gives the
-- address back the attempt. An attempt refused because a key is locked counts nowhere: a locked
-- key cannot be kept locked longer by hammering it.
--
-- Keys are made by the server (an HMAC of the email, a device id, an address): no email is kept
-- here. No policy and no grant: only the owner runs these, outside any user scope.

create table if not exists hearth.sign_in_throttle (
  key text primary key check (char_length(key) <= 200),
  attempts integer not null default 0,
  last_attempt_at timestamptz not null,
  locked_until timestamptz
);
create index if not exists sign_in_throttle_last_attempt_idx on hearth.sign_in_throttle (last_attempt_at);
alter table hearth.sign_in_throttle enable row level security;

-- The end of the wait after `attempts` attempts: none before `free` of them, then base, twice
-- base, four times base ... up to cap.
create or replace function hearth.sign_in_lock_until(p_attempts integer, p_free integer, p_base_ms integer, p_cap_ms integer, p_at timestamptz)
returns timestamptz
language sql immutable set search_path = ''
as $$
  select case when p_attempts < p_free then null
              else p_at + least(p_cap_ms::float8, p_base_ms * power(2::float8, least(p_attempts - p_free, 40))) * interval '1 millisecond'
         end
$$;

-- One attempt over every key it belongs to: refused (retry_at = when the last lock ends) when any
-- key is locked, counting nothing; else counted in each. A key whose last attempt is older than
-- its forget window starts again from one.
create or replace function hearth.sign_in_attempt(
  p_keys text[], p_free integer[], p_base_ms integer[], p_cap_ms integer[], p_forget_ms integer[], p_now timestamptz)
returns table (allowed boolean, retry_at timestamptz)
language plpgsql set search_path = ''
as $$
declare
  v_until timestamptz;
begin
  insert into hearth.sign_in_throttle (key, attempts, last_attempt_at)
  select k.key, 0, p_now from unnest(p_keys) as k(key) order by k.key
  on conflict (key) do nothing;
  perform 1 from hearth.sign_in_throttle t where t.key = any (p_keys) order by t.key for update;

  select max(t.locked_until) into v_until
    from hearth.sign_in_throttle t
   where t.key = any (p_keys) and t.locked_until > p_now;
  if v_until is not null then
    return query select false, v_until;
    return;
  end if;

  update hearth.sign_in_throttle t
     set attempts = case when t.last_attempt_at < p_now - p.forget_ms * interval '1 millisecond' then 1 else t.attempts + 1 end,
         locked_until = hearth.sign_in_lock_until(
           case when t.last_attempt_at < p_now - p.forget_ms * interval '1 millisecond' then 1 else t.attempts + 1 end,
           p.free, p.base_ms, p.cap_ms, p_now),
         last_attempt_at = p_now
    from unnest(p_keys, p_free, p_base_ms, p_cap_ms, p_forget_ms) as p(key, free, base_ms, cap_ms, forget_ms)
   where t.key = p.key;
  return query select true, null::timestamptz;
end
$$;

-- The attempt succeeded: the keys in p_clear start afresh; those in p_refund get the attempt back
-- (and the wait it had set, recomputed from their previous count).
create or replace function hearth.sign_in_succeeded(
  p_clear text[], p_refund text[], p_free integer[], p_base_ms integer[], p_cap_ms integer[])
returns void
language plpgsql set search_path = ''
as $$
begin
  delete from hearth.sign_in_throttle t where t.key = any (p_clear);
  update hearth.sign_in_throttle t
     set attempts = greatest(t.attempts - 1, 0),
         locked_until = hearth.sign_in_lock_until(greatest(t.attempts - 1, 0), p.free, p.base_ms, p.cap_ms, t.last_attempt_at)
    from unnest(p_refund, p_free, p_base_ms, p_cap_ms) as p(key, free, base_ms, cap_ms)
   where t.key = p.key;
end
$$;

select hearth.lock_down();
