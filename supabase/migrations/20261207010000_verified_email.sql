-- Verified email addresses, the single-use links that prove them (and reset passwords), and a
-- per-user session version that a password change or reset bumps to end the other sessions.
--
-- * users.email_verified_at: when the address was last proven (a link followed, or an OAuth
--   provider that vouches for it). Every account that exists before this migration starts
--   unverified: nothing ever checked its address (docs/architecture/accounts.md says why).
-- * users.session_version: minimal here; lib/auth/session-version.ts bumps it.
-- * email_tokens: a link is a credential, so only its SHA-256 is kept. RLS on, no policy and no
--   grant: only the security-definer functions below reach the table.
-- * auth_oauth_user goes: it joined any OAuth sign-in to whatever account held the address.

alter table hearth.users add column if not exists email_verified_at timestamptz;
alter table hearth.users add column if not exists session_version integer not null default 0;

create table if not exists hearth.email_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references hearth.users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  -- The address the link was sent to: it proves that address and no other.
  email text not null check (char_length(email) <= 320),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index if not exists email_tokens_user_purpose_idx on hearth.email_tokens (user_id, purpose, created_at desc);
alter table hearth.email_tokens enable row level security;

-- A new link for the enabled, non-guest account with this address. Outcomes:
--   issued            the link is stored (earlier unused links of the same purpose stop working)
--   already_verified  verify_email for an address that is proven already: nothing to send
--   throttled         a link of this purpose went out less than a minute ago: nothing to send
-- No row at all: no such account.
create or replace function hearth.auth_issue_email_token(p_email text, p_purpose text, p_token_hash text, p_ttl_seconds integer)
returns table (user_id uuid, name text, outcome text)
language plpgsql security definer set search_path = ''
as $$
declare
  u record;
begin
  if p_purpose not in ('verify_email', 'reset_password') or p_ttl_seconds not between 60 and 604800 then
    raise exception 'invalid email token request' using errcode = '22023';
  end if;
  select x.id, x.name, x.email, x.email_verified_at into u
    from hearth.users x
   where x.email = lower(p_email) and not x.is_guest and x.disabled_at is null
   for update;
  if not found then
    return;
  end if;
  if p_purpose = 'verify_email' and u.email_verified_at is not null then
    return query select u.id, u.name, 'already_verified'::text;
    return;
  end if;
  if exists (
    select 1 from hearth.email_tokens t
     where t.user_id = u.id and t.purpose = p_purpose and t.created_at > now() - interval '1 minute'
  ) then
    return query select u.id, u.name, 'throttled'::text;
    return;
  end if;
  delete from hearth.email_tokens t
   where t.user_id = u.id and (t.expires_at < now() or (t.purpose = p_purpose and t.used_at is null));
  insert into hearth.email_tokens (user_id, purpose, email, token_hash, expires_at)
  values (u.id, p_purpose, u.email, p_token_hash, now() + p_ttl_seconds * interval '1 second');
  return query select u.id, u.name, 'issued'::text;
end
$$;

-- Follows a verification link. Outcomes: verified, already_verified (the link was used before
-- and the address is proven), expired, invalid (unknown, used, or sent to another address).
create or replace function hearth.auth_verify_email(p_token_hash text)
returns table (user_id uuid, email text, outcome text)
language plpgsql security definer set search_path = ''
as $$
declare
  t record;
  u record;
begin
  select k.id, k.user_id, k.email, k.expires_at, k.used_at into t
    from hearth.email_tokens k
   where k.token_hash = p_token_hash and k.purpose = 'verify_email'
   for update;
  if not found then
    return query select null::uuid, null::text, 'invalid'::text;
    return;
  end if;
  select x.id, x.email, x.email_verified_at, x.disabled_at into u from hearth.users x where x.id = t.user_id for update;
  if u.email is distinct from t.email or u.disabled_at is not null then
    return query select null::uuid, null::text, 'invalid'::text;
  elsif t.used_at is not null then
    if u.email_verified_at is not null then
      return query select u.id, u.email, 'already_verified'::text;
    else
      return query select null::uuid, null::text, 'invalid'::text;
    end if;
  elsif t.expires_at <= now() then
    return query select null::uuid, null::text, 'expired'::text;
  else
    update hearth.email_tokens set used_at = now() where id = t.id;
    update hearth.users set email_verified_at = coalesce(email_verified_at, now()) where id = u.id;
    return query select u.id, u.email, 'verified'::text;
  end if;
end
$$;

-- Follows a reset link with the new password's hash: sets it, and proves the address (the link
-- reached its inbox). Outcomes: reset, expired, invalid. The caller then bumps the session version.
create or replace function hearth.auth_reset_password(p_token_hash text, p_password_hash text)
returns table (user_id uuid, email text, outcome text)
language plpgsql security definer set search_path = ''
as $$
declare
  t record;
  u record;
begin
  if p_password_hash is null or p_password_hash = '' then
    raise exception 'a password hash is required' using errcode = '22023';
  end if;
  select k.id, k.user_id, k.email, k.expires_at, k.used_at into t
    from hearth.email_tokens k
   where k.token_hash = p_token_hash and k.purpose = 'reset_password'
   for update;
  if not found or t.used_at is not null then
    return query select null::uuid, null::text, 'invalid'::text;
    return;
  end if;
  select x.id, x.email, x.disabled_at into u from hearth.users x where x.id = t.user_id for update;
  if u.email is distinct from t.email or u.disabled_at is not null then
    return query select null::uuid, null::text, 'invalid'::text;
  elsif t.expires_at <= now() then
    return query select null::uuid, null::text, 'expired'::text;
  else
    update hearth.email_tokens set used_at = now() where id = t.id;
    -- Any other link still out for this account stops working with the old password.
    update hearth.email_tokens k set used_at = now() where k.user_id = u.id and k.used_at is null;
    update hearth.users
       set password_hash = p_password_hash, email_verified_at = coalesce(email_verified_at, now())
     where id = u.id;
    return query select u.id, u.email, 'reset'::text;
  end if;
end
$$;

-- The signed-in user's password change: only when the stored hash is still the one the server
-- checked the current password against (a change in between loses, it does not overwrite).
create or replace function hearth.change_own_password(p_old_hash text, p_new_hash text)
returns boolean
language plpgsql security definer set search_path = ''
as $$
begin
  if p_old_hash is null or p_new_hash is null or p_new_hash = '' then
    return false;
  end if;
  update hearth.users u
     set password_hash = p_new_hash
   where u.id = hearth.requesting_user_id() and u.password_hash = p_old_hash and u.disabled_at is null;
  return found;
end
$$;

-- An OAuth sign-in whose provider vouched for the address (the caller checks that first).
-- Outcomes:
--   signed_in    an account with this address whose address is proven, or that has no password
--                (one only OAuth ever opened): it is joined, and its address marked proven
--   link_first   an account with a password whose address nobody proved: whoever set that
--                password may not own the address, so it is not joined (pre-hijacking)
--   created      no such account, p_may_create: a new one, its address proven
--   closed       no such account, and sign-ups are closed
--   disabled     the account is disabled
create or replace function hearth.auth_oauth_sign_in(p_email text, p_name text, p_may_create boolean)
returns table (id uuid, role text, outcome text)
language plpgsql security definer set search_path = ''
as $$
declare
  u record;
begin
  select x.id, x.role, x.password_hash, x.email_verified_at, x.disabled_at into u
    from hearth.users x where x.email = lower(p_email) and not x.is_guest
   for update;
  if not found then
    if not p_may_create then
      return query select null::uuid, null::text, 'closed'::text;
      return;
    end if;
    insert into hearth.users (email, name, email_verified_at) values (lower(p_email), p_name, now())
    on conflict (email) do nothing;
    if not found then
      -- Someone else made the account a moment ago: decide again against it.
      return query select * from hearth.auth_oauth_sign_in(p_email, p_name, false);
      return;
    end if;
    return query select x.id, x.role, 'created'::text from hearth.users x where x.email = lower(p_email);
    return;
  end if;
  if u.disabled_at is not null then
    return query select null::uuid, null::text, 'disabled'::text;
  elsif u.email_verified_at is null and u.password_hash is not null then
    return query select null::uuid, null::text, 'link_first'::text;
  else
    update hearth.users x set email_verified_at = coalesce(x.email_verified_at, now()) where x.id = u.id;
    return query select u.id, u.role, 'signed_in'::text;
  end if;
end
$$;

drop function if exists hearth.auth_oauth_user(text, text);

select hearth.lock_down();

-- A user may bump their own session version (sign out everywhere); RLS keeps it to their own row.
grant update (session_version) on hearth.users to hearth_user;
grant execute on function hearth.auth_issue_email_token(text, text, text, integer) to hearth_anon, hearth_user;
grant execute on function hearth.auth_verify_email(text) to hearth_anon;
grant execute on function hearth.auth_reset_password(text, text) to hearth_anon;
grant execute on function hearth.change_own_password(text, text) to hearth_user;
grant execute on function hearth.auth_oauth_sign_in(text, text, boolean) to hearth_anon;
