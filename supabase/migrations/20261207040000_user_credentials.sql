-- Password hashes move out of hearth.users into a table nobody but the sign-in functions reads.
--
-- Before: hearth_user has SELECT on hearth.users and the users_admin_read policy shows admins
-- every row, so an admin (and each user, for their own row) could read password hashes with any
-- query in their scope. Column privileges would be a trap: every column added to users later
-- would need its own grant. So the hashes go to hearth.user_credentials, with RLS on, no policy
-- and no grant to any role: only the security-definer functions below (owned by the migrating
-- role) read or write it. Existing hashes move with their rows; sign-in keeps working.

create table if not exists hearth.user_credentials (
  user_id uuid primary key references hearth.users (id) on delete cascade,
  password_hash text not null check (char_length(password_hash) between 1 and 1000),
  updated_at timestamptz not null default now()
);
alter table hearth.user_credentials enable row level security;

-- Once: the column is gone after the first run.
do $$
begin
  if exists (
    select 1 from information_schema.columns
     where table_schema = 'hearth' and table_name = 'users' and column_name = 'password_hash'
  ) then
    insert into hearth.user_credentials (user_id, password_hash)
      select u.id, u.password_hash from hearth.users u where u.password_hash is not null
      on conflict (user_id) do nothing;
    alter table hearth.users drop column password_hash;
  end if;
end
$$;

-- Same signatures as before, so callers do not change.
create or replace function hearth.auth_register_user(p_email text, p_name text, p_password_hash text, p_is_guest boolean)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  new_id uuid;
begin
  insert into hearth.users (email, name, is_guest)
  values (lower(p_email), p_name, p_is_guest)
  on conflict (email) do nothing
  returning id into new_id;
  if new_id is not null and p_password_hash is not null then
    insert into hearth.user_credentials (user_id, password_hash) values (new_id, p_password_hash);
  end if;
  return new_id; -- null when the email is taken
end
$$;

create or replace function hearth.auth_credentials(p_email text)
returns table (id uuid, email text, name text, password_hash text, role text)
language sql stable security definer set search_path = ''
as $$
  select u.id, u.email, u.name, c.password_hash, u.role
  from hearth.users u
  left join hearth.user_credentials c on c.user_id = u.id
  where u.email = lower(p_email) and not u.is_guest and u.disabled_at is null
$$;

select hearth.lock_down();

-- hearth.user_credentials: no grant to anyone, on purpose.
grant execute on function hearth.auth_register_user(text, text, text, boolean) to hearth_anon;
grant execute on function hearth.auth_credentials(text) to hearth_anon;
