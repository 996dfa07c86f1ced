-- The password hashes moved to hearth.user_credentials (20261207040000); the account flows of
-- 20261207010000 (reset by link, change, OAuth joining) read and wrote hearth.users.password_hash,
-- which is gone. Same functions, same signatures and outcomes, over the credentials table.
-- Also: bumping one's session version goes through hearth.bump_session_version (20261207020000),
-- so the direct column grant of 20261207010000 is taken back.

create or replace function hearth.auth_reset_password(p_token_hash text, p_password_hash text)
returns table (user_id uuid, email text, outcome text)
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
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
    insert into hearth.user_credentials (user_id, password_hash) values (u.id, p_password_hash)
      on conflict (user_id) do update set password_hash = excluded.password_hash;
    update hearth.users set email_verified_at = coalesce(email_verified_at, now()) where id = u.id;
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
  update hearth.user_credentials c
     set password_hash = p_new_hash
    from hearth.users u
   where c.user_id = u.id and u.id = hearth.requesting_user_id()
     and c.password_hash = p_old_hash and u.disabled_at is null;
  return found;
end
$$;

create or replace function hearth.auth_oauth_sign_in(p_email text, p_name text, p_may_create boolean)
returns table (id uuid, role text, outcome text)
language plpgsql security definer set search_path = ''
as $$
declare
  u record;
begin
  select x.id, x.role, x.email_verified_at, x.disabled_at,
         exists (select 1 from hearth.user_credentials c where c.user_id = x.id) as has_password
    into u
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
  elsif u.email_verified_at is null and u.has_password then
    return query select null::uuid, null::text, 'link_first'::text;
  else
    update hearth.users x set email_verified_at = coalesce(x.email_verified_at, now()) where x.id = u.id;
    return query select u.id, u.role, 'signed_in'::text;
  end if;
end
$$;

revoke update (session_version) on hearth.users from hearth_user;

select hearth.lock_down();

grant execute on function hearth.auth_reset_password(text, text) to hearth_anon;
grant execute on function hearth.change_own_password(text, text) to hearth_user;
grant execute on function hearth.auth_oauth_sign_in(text, text, boolean) to hearth_anon;
