-- Hearth's base schema: roles, users, companions, conversations, messages, all under RLS.
-- Written for both PostgreSQL 15 (servers, Supabase) and PGlite (PostgreSQL 18).

-- Supabase has these roles already; plain PostgreSQL and PGlite do not.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
end
$$;

-- The migrating role must be able to SET ROLE to both (Supabase's postgres already can).
do $$
begin
  if not pg_has_role(current_user, 'authenticated', 'member') then
    execute format('grant authenticated to %I', current_user);
  end if;
  if not pg_has_role(current_user, 'anon', 'member') then
    execute format('grant anon to %I', current_user);
  end if;
end
$$;

grant usage on schema public to anon, authenticated;

-- The one place policies read the requesting user from. nullif: a pooled connection that
-- once had the setting returns '' rather than NULL.
create or replace function public.requesting_user_id() returns uuid
language sql stable
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub', '')::uuid
$$;

create table if not exists public.users (
  id uuid primary key default gen_random_uuid(),
  email text unique check (email is null or (char_length(email) <= 320 and email = lower(email))),
  name text check (name is null or char_length(name) <= 100),
  password_hash text,
  is_guest boolean not null default false,
  role text not null default 'user' check (role in ('user', 'admin')),
  created_at timestamptz not null default now(),
  check (is_guest or email is not null)
);

create table if not exists public.companions (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 64),
  name text not null check (char_length(name) between 1 and 80),
  tagline text not null check (char_length(tagline) <= 160),
  description text not null check (char_length(description) <= 4000),
  instructions text not null check (char_length(instructions) <= 20000),
  greeting text not null check (char_length(greeting) <= 4000),
  avatar_url text not null,
  accent_color text not null default '#d97706' check (accent_color ~ '^#[0-9a-f]{6}$'),
  specialties text[] not null default '{}',
  languages text[] not null default '{en-US}'
    check (languages <@ array['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT']::text[]
           and cardinality(languages) >= 1),
  default_model text not null default 'offline/hearth-demo',
  temperature real not null default 0.8 check (temperature >= 0 and temperature <= 2),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  companion_id uuid not null references public.companions (id),
  title text not null default 'New chat' check (char_length(title) between 1 and 200),
  model text not null,
  language text not null default 'en-US'
    check (language in ('en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists conversations_user_updated_idx
  on public.conversations (user_id, updated_at desc, id desc);

create table if not exists public.messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  role text not null check (role in ('user', 'assistant', 'system')),
  -- AI SDK UI message parts; text parts carry the content.
  parts jsonb not null default '[]'::jsonb check (jsonb_typeof(parts) = 'array'),
  status text not null default 'complete' check (status in ('complete', 'streaming', 'error', 'aborted')),
  error text check (error is null or char_length(error) <= 2000),
  model text,
  input_tokens integer check (input_tokens is null or input_tokens >= 0),
  output_tokens integer check (output_tokens is null or output_tokens >= 0),
  ttft_ms integer check (ttft_ms is null or ttft_ms >= 0),
  latency_ms integer check (latency_ms is null or latency_ms >= 0),
  created_at timestamptz not null default clock_timestamp(),
  -- The order messages were written in. Timestamps cannot say: two inserts in one transaction
  -- can share one (PGlite's clock has millisecond resolution).
  seq bigint generated always as identity
);
create index if not exists messages_conversation_seq_idx
  on public.messages (conversation_id, seq);

alter table public.users enable row level security;
alter table public.companions enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;

grant select, update (name) on public.users to authenticated;
grant select on public.companions to anon, authenticated;
grant select, insert, update, delete on public.conversations to authenticated;
grant select, insert, update, delete on public.messages to authenticated;

drop policy if exists users_own_row on public.users;
create policy users_own_row on public.users
  for all to authenticated
  using (id = public.requesting_user_id())
  with check (id = public.requesting_user_id());

drop policy if exists companions_active_readable on public.companions;
create policy companions_active_readable on public.companions
  for select to anon, authenticated
  using (active);

drop policy if exists conversations_own on public.conversations;
create policy conversations_own on public.conversations
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (user_id = public.requesting_user_id());

drop policy if exists messages_own on public.messages;
create policy messages_own on public.messages
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (
    user_id = public.requesting_user_id()
    and exists (
      select 1 from public.conversations c
      where c.id = conversation_id and c.user_id = public.requesting_user_id()
    )
  );

-- Sign-up and sign-in happen before there is a user to scope to. These two functions are the
-- only doors anon has into the users table; they run as the table owner and return no more
-- than the caller needs.
create or replace function public.auth_register_user(p_email text, p_name text, p_password_hash text, p_is_guest boolean)
returns uuid
language plpgsql security definer set search_path = public
as $$
declare
  new_id uuid;
begin
  insert into public.users (email, name, password_hash, is_guest)
  values (lower(p_email), p_name, p_password_hash, p_is_guest)
  on conflict (email) do nothing
  returning id into new_id;
  return new_id; -- null when the email is taken
end
$$;

create or replace function public.auth_credentials(p_email text)
returns table (id uuid, email text, name text, password_hash text, role text)
language sql stable security definer set search_path = public
as $$
  select u.id, u.email, u.name, u.password_hash, u.role
  from public.users u
  where u.email = lower(p_email) and not u.is_guest
$$;

revoke all on function public.auth_register_user(text, text, text, boolean) from public;
revoke all on function public.auth_credentials(text) from public;
grant execute on function public.auth_register_user(text, text, text, boolean) to anon;
grant execute on function public.auth_credentials(text) to anon;

-- GitHub / Google sign-in: find or create the user for a verified provider email.
create or replace function public.auth_oauth_user(p_email text, p_name text)
returns table (id uuid, role text)
language plpgsql security definer set search_path = public
as $$
begin
  insert into public.users (email, name) values (lower(p_email), p_name)
  on conflict (email) do nothing;
  return query select u.id, u.role from public.users u where u.email = lower(p_email);
end
$$;
revoke all on function public.auth_oauth_user(text, text) from public;
grant execute on function public.auth_oauth_user(text, text) to anon;
