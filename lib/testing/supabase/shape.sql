-- A stand-in for a Supabase project's database, made on a plain PostgreSQL server by a superuser
-- (CI's `postgres`) inside a fresh database. It reproduces what decides whether Hearth is safe
-- there, as Supabase's own init scripts set it up:
-- * the API roles: anon and authenticated (which the Data API hands to any caller with the
--   project's anon key, or with a Supabase Auth token), service_role (bypasses RLS), and
--   authenticator, the login role PostgREST connects as and switches from;
-- * the project owner that `supabase db push` and the pooler connect as: Supabase calls it
--   `postgres`; here `supabase_postgres`, because CI's `postgres` is a superuser and Supabase's is
--   not (createrole, createdb, bypassrls, a member of the API roles);
-- * the default privileges that grant anon, authenticated and service_role everything on every
--   table, sequence and function created in `public`;
-- * the auth, storage and extensions schemas with the pieces migrations touch: auth.uid(),
--   auth.jwt(), storage.buckets, storage.objects (RLS on, all granted to the API roles).
-- Roles belong to the whole server, so they are made once and reused by every such database.

do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      execute format('create role %I nologin noinherit', r);
    end if;
  end loop;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_admin') then
    create role supabase_admin nologin;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then
    create role supabase_storage_admin nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_postgres') then
    create role supabase_postgres login createrole createdb replication bypassrls;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to supabase_postgres;
grant supabase_storage_admin to supabase_postgres;
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- The owner makes schemas (hearth, supabase_migrations) in the project's database.
do $$
begin
  execute format('grant all on database %I to supabase_postgres', current_database());
end
$$;

create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to supabase_postgres, anon, authenticated, service_role;

grant usage, create on schema public to supabase_postgres;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges for role supabase_postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role supabase_postgres in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role supabase_postgres in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to supabase_postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to supabase_postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to supabase_postgres, anon, authenticated, service_role;

create schema if not exists graphql_public;
grant usage on schema graphql_public to anon, authenticated, service_role;

-- Supabase Auth: who signed in, and the functions policies call. PostgREST puts the caller's token
-- claims in request.jwt.claims; older versions set request.jwt.claim.sub.
create schema if not exists auth authorization supabase_auth_admin;
create table if not exists auth.users (
  id uuid primary key,
  email text unique,
  role text,
  created_at timestamptz default now()
);
alter table auth.users owner to supabase_auth_admin;
create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

-- Supabase Storage: buckets and objects, every row reachable by the API roles as far as RLS allows.
create schema if not exists storage authorization supabase_storage_admin;
create table if not exists storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  public boolean default false,
  created_at timestamptz default now()
);
create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  metadata jsonb,
  created_at timestamptz default now()
);
create or replace function storage.foldername(name text) returns text[] language sql immutable as $$
  select (string_to_array(name, '/'))[1:cardinality(string_to_array(name, '/')) - 1]
$$;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.buckets owner to supabase_storage_admin;
alter table storage.objects owner to supabase_storage_admin;
alter function storage.foldername(text) owner to supabase_storage_admin;
grant usage on schema storage to supabase_postgres, anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to supabase_postgres, anon, authenticated, service_role;
