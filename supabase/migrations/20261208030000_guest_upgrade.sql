-- A guest keeps everything by becoming a real account in place: the same users row (so every
-- conversation, memory, upload and setting, all keyed by its id, stays where it is) gets an email
-- address and a password and stops being a guest. Nothing is copied.
--
-- The guest's session tokens claim `guest`, which the row no longer says once this has run, so
-- they stop working (auth_session_state compares the flag); the server re-signs the upgrading
-- browser's token with the new flag, so that one carries on without signing in again.

-- The signed-in guest (hearth.requesting_user_id()) takes an address and a password hash.
-- Outcomes: 'upgraded'; 'taken' (another account has the address); 'not_guest' (already an
-- account, disabled, or nobody signed in).
create or replace function hearth.upgrade_own_guest(p_email text, p_name text, p_password_hash text)
returns text
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := hearth.requesting_user_id();
begin
  if p_email is null or p_password_hash is null or p_password_hash = '' then
    raise exception 'an email and a password hash are required' using errcode = '22023';
  end if;
  perform 1 from hearth.users u where u.id = me and u.is_guest and u.disabled_at is null for update;
  if not found then
    return 'not_guest';
  end if;
  begin
    update hearth.users u
       set email = lower(p_email), name = p_name, is_guest = false, email_verified_at = null
     where u.id = me;
  exception when unique_violation then
    return 'taken';
  end;
  insert into hearth.user_credentials (user_id, password_hash) values (me, p_password_hash)
    on conflict (user_id) do update set password_hash = excluded.password_hash, updated_at = now();
  return 'upgraded';
end
$$;

-- Email and password sign-in, disabled accounts included, so that the sign-in can tell a disabled
-- account it is disabled, but only once its password has been checked (an attempt without the
-- password learns nothing). auth_credentials stays as it is for the account flows.
create or replace function hearth.auth_sign_in_credentials(p_email text)
returns table (id uuid, email text, name text, password_hash text, role text, disabled boolean)
language sql stable security definer set search_path = ''
as $$
  select u.id, u.email, u.name, c.password_hash, u.role, u.disabled_at is not null
  from hearth.users u
  left join hearth.user_credentials c on c.user_id = u.id
  where u.email = lower(p_email) and not u.is_guest
$$;

select hearth.lock_down();

grant execute on function hearth.upgrade_own_guest(text, text, text) to hearth_user;
grant execute on function hearth.auth_sign_in_credentials(text) to hearth_anon;
