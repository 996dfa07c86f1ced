-- Sessions that end. A session token (a JWT) is valid only while, in the database:
-- * the user's session_version equals the version the token was issued with: signing out
--   everywhere, a password change or reset, a role change and disabling the account all raise it;
-- * its row in hearth.sessions (the id the token carries) has not been ended: signing out, or
--   ending that one session from Settings;
-- * the account is enabled and has the role the token claims.
-- Tokens issued before this migration carry no session id; they stay valid until the version moves.
--
-- hearth.sessions records what can be known of a JWT session, for the person to see and end:
-- when it began, when it was last seen (to the hour), a summary of the browser and the address.

alter table hearth.users add column if not exists session_version integer not null default 0;

-- Role and disabled changes end every session, whichever path makes them (admin_update_user,
-- grant-admin, a maintenance UPDATE); and the version never goes back, which would revive tokens.
create or replace function hearth.users_session_version_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.session_version < old.session_version then
    new.session_version := old.session_version;
  end if;
  if (new.role is distinct from old.role or new.disabled_at is distinct from old.disabled_at)
     and new.session_version = old.session_version then
    new.session_version := old.session_version + 1;
  end if;
  return new;
end
$$;

drop trigger if exists users_session_version_guard on hearth.users;
create trigger users_session_version_guard
  before update on hearth.users
  for each row execute function hearth.users_session_version_guard();

create table if not exists hearth.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references hearth.users (id) on delete cascade,
  -- The user's session_version when it began: from an older version, it has ended.
  version integer not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz,
  user_agent text check (user_agent is null or char_length(user_agent) <= 100),
  address text check (address is null or char_length(address) <= 64)
);
create index if not exists sessions_user_seen_idx on hearth.sessions (user_id, last_seen_at desc);
alter table hearth.sessions enable row level security;

drop policy if exists sessions_own_read on hearth.sessions;
create policy sessions_own_read on hearth.sessions
  for select to hearth_user
  using (user_id = (select hearth.requesting_user_id()));

-- At sign-in (anonymous scope, after the credentials or the OAuth provider said yes): a new row,
-- and the user's rows that can no longer be used go. At most 100 live sessions per account: past
-- that, the longest idle ends. Nothing for a disabled or unknown account.
create or replace function hearth.auth_start_session(p_user uuid, p_user_agent text, p_address text, p_max_idle_seconds integer)
returns table (session_id uuid, session_version integer)
language plpgsql security definer set search_path = ''
as $$
declare
  v_version integer;
  v_id uuid;
begin
  select u.session_version into v_version from hearth.users u where u.id = p_user and u.disabled_at is null;
  if not found then
    return;
  end if;
  delete from hearth.sessions s
   where s.user_id = p_user
     and (s.ended_at is not null or s.version <> v_version
          or s.last_seen_at < now() - make_interval(secs => p_max_idle_seconds));
  delete from hearth.sessions s
   where s.id in (select x.id from hearth.sessions x where x.user_id = p_user order by x.last_seen_at desc offset 99);
  insert into hearth.sessions (user_id, version, user_agent, address)
  values (p_user, v_version, left(p_user_agent, 100), left(p_address, 64))
  returning id into v_id;
  return query select v_id, v_version;
end
$$;

-- What a token is checked against, and a touch of last_seen_at at most once an hour. No row: the
-- user is gone. session_live is true for a token without a session id (issued before sessions
-- were recorded).
create or replace function hearth.auth_session_state(p_user uuid, p_session uuid)
returns table (session_version integer, role text, is_guest boolean, disabled boolean, session_live boolean)
language plpgsql security definer set search_path = ''
as $$
begin
  if p_session is not null then
    update hearth.sessions s set last_seen_at = now()
     where s.id = p_session and s.user_id = p_user and s.ended_at is null
       and s.last_seen_at < now() - interval '1 hour';
  end if;
  return query
    select u.session_version, u.role, u.is_guest, u.disabled_at is not null,
           p_session is null or exists (
             select 1 from hearth.sessions s
              where s.id = p_session and s.user_id = p_user and s.ended_at is null and s.version = u.session_version)
      from hearth.users u
     where u.id = p_user;
end
$$;

-- Ends one of the signed-in user's sessions. False when there is no such live session of theirs.
create or replace function hearth.end_own_session(p_session uuid) returns boolean
language plpgsql security definer set search_path = ''
as $$
begin
  update hearth.sessions s set ended_at = now()
   where s.id = p_session and s.user_id = hearth.requesting_user_id() and s.ended_at is null;
  return found;
end
$$;

-- Ends every session of the signed-in user (p_user must be them) by raising their version, but
-- the one named by p_keep (this browser's, after a password change or "sign out everywhere
-- else"), whose row moves to the new version; its token must then be re-issued with it. Returns
-- the new version; null for anyone else.
create or replace function hearth.bump_session_version(p_user uuid, p_keep uuid) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := hearth.requesting_user_id();
  v_version integer;
begin
  update hearth.users u set session_version = u.session_version + 1 where u.id = me and u.id = p_user
  returning u.session_version into v_version;
  if v_version is not null and p_keep is not null then
    update hearth.sessions s set version = v_version where s.id = p_keep and s.user_id = me and s.ended_at is null;
  end if;
  return v_version;
end
$$;

-- A chat turn's quota and its session check in one statement (one round trip before the first
-- token): nothing is counted for a session that has ended. Run by the rate limiter outside any
-- user scope, like rate_limit_take.
create or replace function hearth.rate_limit_take_for_session(
  p_user uuid, p_session uuid, p_version integer, p_role text, p_is_guest boolean,
  p_buckets text[], p_limits integer[], p_windows_ms integer[], p_now timestamptz)
returns table (session_valid boolean, allowed boolean, counts integer[], resets_at timestamptz[])
language plpgsql set search_path = ''
as $$
declare
  s record;
begin
  select * into s from hearth.auth_session_state(p_user, p_session);
  if not found or s.disabled or not s.session_live or s.session_version <> p_version
     or s.role <> p_role or s.is_guest <> p_is_guest then
    return query select false, false, null::integer[], null::timestamptz[];
    return;
  end if;
  return query
    select true, t.allowed, t.counts, t.resets_at
      from hearth.rate_limit_take(p_buckets, p_limits, p_windows_ms, p_now) t;
end
$$;

-- Guests cannot hold API keys: a key would be a full account's access outside the guest budget.
-- Keys a guest made before this migration stop working.
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
     where k.key_hash = p_hash and k.revoked_at is null and u.disabled_at is null and not u.is_guest;
end
$$;

drop policy if exists api_keys_not_for_guests on hearth.api_keys;
create policy api_keys_not_for_guests on hearth.api_keys
  as restrictive for insert to hearth_user
  with check (not exists (
    select 1 from hearth.users u where u.id = (select hearth.requesting_user_id()) and u.is_guest));

select hearth.lock_down();

grant select (id, user_id, version, created_at, last_seen_at, ended_at, user_agent, address) on hearth.sessions to hearth_user;
grant execute on function hearth.auth_start_session(uuid, text, text, integer) to hearth_anon;
grant execute on function hearth.auth_session_state(uuid, uuid) to hearth_anon;
grant execute on function hearth.end_own_session(uuid) to hearth_user;
grant execute on function hearth.bump_session_version(uuid, uuid) to hearth_user;
grant execute on function hearth.auth_api_key(text) to hearth_anon;
