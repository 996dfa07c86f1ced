-- "Who I am": what a person tells their companions about themselves (issue 19). The name they want
-- to be called, their pronouns and a few lines about them, once for every companion, and, for any
-- companion, a version of their own that replaces it whole.
--
-- One row per person (companion_id null: the persona every companion knows) and at most one per
-- person and companion (the override). An override is complete: its empty fields mean "do not
-- tell this companion", they never fall back to the account's, so what the person sees in the
-- dialog is exactly what that companion reads. Deleting the override returns to the usual persona.
--
-- Not columns of hearth.users: the users_admin_read policy shows admins every users row, and a
-- self-description is as private as the conversations. This table has an own-rows policy only.
create table if not exists hearth.user_personas (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default hearth.requesting_user_id() references hearth.users (id) on delete cascade,
  companion_id uuid references hearth.companions (id) on delete cascade,
  name text check (name is null or char_length(name) between 1 and 60),
  pronouns text check (pronouns is null or char_length(pronouns) between 1 and 40),
  about text check (about is null or char_length(about) between 1 and 1000),
  updated_at timestamptz not null default now()
);
-- One account persona (companion_id null) and one override per companion; PostgreSQL 15 and 18 both
-- accept NULLS NOT DISTINCT.
create unique index if not exists user_personas_user_companion_idx
  on hearth.user_personas (user_id, companion_id) nulls not distinct;

alter table hearth.user_personas enable row level security;

-- Own rows only; an override only for a companion the person can see.
drop policy if exists user_personas_own on hearth.user_personas;
create policy user_personas_own on hearth.user_personas
  for all to hearth_user
  using (user_id = (select hearth.requesting_user_id()))
  with check (
    user_id = (select hearth.requesting_user_id())
    and (companion_id is null or exists (select 1 from hearth.companions p where p.id = companion_id))
  );

select hearth.lock_down();

grant select, insert, delete on hearth.user_personas to hearth_user;
grant update (name, pronouns, about, updated_at) on hearth.user_personas to hearth_user;
