-- API keys for the REST API. The key is shown once and only its SHA-256 hash is kept (the key
-- is 256 random bits, so a slow password hash would add nothing). People manage their own keys
-- under RLS; a bearer key is resolved before there is a user, through auth_api_key below.

create table if not exists public.api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80),
  -- The key's first characters (hk_ and a few more), to tell keys apart in lists.
  prefix text not null check (char_length(prefix) between 4 and 16),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index if not exists api_keys_user_created_idx on public.api_keys (user_id, created_at desc);

alter table public.api_keys enable row level security;

-- Owners never read the hash back, and a revocation is the only change they can make. (Supabase
-- grants everything on new tables by default; start from nothing.)
revoke all on public.api_keys from anon, authenticated;
grant select (id, user_id, name, prefix, created_at, last_used_at, revoked_at) on public.api_keys to authenticated;
grant insert (name, prefix, key_hash) on public.api_keys to authenticated;
grant update (revoked_at) on public.api_keys to authenticated;

drop policy if exists api_keys_own on public.api_keys;
create policy api_keys_own on public.api_keys
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (user_id = public.requesting_user_id());

-- The owner of a live key, for the bearer-token check that runs before there is a user. Stamps
-- last_used_at at most once a minute, so a busy key does not write a row on every request.
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
     where k.key_hash = p_hash and k.revoked_at is null;
end
$$;
revoke all on function public.auth_api_key(text) from public;
grant execute on function public.auth_api_key(text) to anon;
