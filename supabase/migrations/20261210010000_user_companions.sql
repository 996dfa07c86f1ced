-- People make companions of their own (docs/architecture/user-companions.md).
--
-- A companion with an owner is that person's: they write it, and its audience says who else reads
-- it. A companion without an owner is the operator's catalogue, written by admins, as before.
--   private   only the owner
--   unlisted  anyone who opens its link (the app names the id in `hearth.companion_link`)
--   public    everyone: it is listed in the Community
-- People who already talk with a companion keep reading it whatever its owner does later, so
-- nobody's conversation loses the companion it is with.

alter table hearth.companions
  add column if not exists owner_id uuid references hearth.users (id) on delete cascade,
  add column if not exists audience text not null default 'public'
    check (audience in ('private', 'unlisted', 'public'));

alter table hearth.companions drop constraint if exists companions_catalogue_is_public;
alter table hearth.companions add constraint companions_catalogue_is_public
  check (owner_id is not null or audience = 'public');

-- An owner removing a companion archives it (people who talk with it keep it). An owner's account
-- going takes their companions with it, and with them other people's conversations with those
-- companions (their messages cascade from the conversation).
alter table hearth.conversations drop constraint if exists conversations_companion_id_fkey;
alter table hearth.conversations add constraint conversations_companion_id_fkey
  foreign key (companion_id) references hearth.companions (id) on delete cascade;

create index if not exists companions_owner_idx on hearth.companions (owner_id, updated_at desc)
  where owner_id is not null;
create index if not exists companions_community_idx on hearth.companions (updated_at desc)
  where owner_id is not null and audience = 'public';
create index if not exists conversations_companion_user_idx on hearth.conversations (companion_id, user_id);

-- The id the request opened by link, or null. A pooled connection that once had the setting reads ''.
create or replace function hearth.companion_link() returns uuid
language sql stable set search_path = ''
as $$
  select case when current_setting('hearth.companion_link', true) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then current_setting('hearth.companion_link', true)::uuid end
$$;

-- Whether the requesting person has a conversation with the companion. Security definer so that
-- the policy below does not run conversations' own policy once per companion row.
create or replace function hearth.talks_with(companion uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from hearth.conversations c
     where c.companion_id = companion and c.user_id = hearth.requesting_user_id()
  )
$$;

drop policy if exists companions_active_readable on hearth.companions;
create policy companions_active_readable on hearth.companions
  for select to hearth_anon, hearth_user
  using (
    (active and visibility = 'published' and archived_at is null
      and (owner_id is null or audience = 'public' or (audience = 'unlisted' and id = (select hearth.companion_link()))))
    or (owner_id is not null and owner_id = (select hearth.requesting_user_id()))
    or (owner_id is not null and hearth.talks_with(id))
  );

drop policy if exists companions_owner_insert on hearth.companions;
create policy companions_owner_insert on hearth.companions
  for insert to hearth_user
  with check (owner_id = (select hearth.requesting_user_id()) and (select hearth.requesting_user_enabled()));

drop policy if exists companions_owner_update on hearth.companions;
create policy companions_owner_update on hearth.companions
  for update to hearth_user
  using (owner_id = (select hearth.requesting_user_id()))
  with check (owner_id = (select hearth.requesting_user_id()) and (select hearth.requesting_user_enabled()));

-- What the policies cannot say: guests and unverified accounts keep their companions private, and
-- a person's companion runs with the platform's settings for people's companions (no fallback
-- chain, no output cap of its own) whatever its owner sends. SQLSTATE HQ403; lib/errors.ts maps it.
create or replace function hearth.enforce_own_companion_rules() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.owner_id is null then
    return new;
  end if;
  if new.audience <> 'private' and not exists (
    select 1 from hearth.users u
     where u.id = new.owner_id and not u.is_guest and u.email_verified_at is not null and u.disabled_at is null
  ) then
    raise exception using
      errcode = 'HQ403',
      message = 'only a verified account can share a companion';
  end if;
  if cardinality(new.fallback_models) > 0 or new.max_output_tokens is not null then
    raise exception using
      errcode = 'HQ403',
      message = 'a person''s companion has no fallback models or output cap of its own';
  end if;
  return new;
end
$$;

drop trigger if exists companions_own_rules on hearth.companions;
create trigger companions_own_rules
  before insert or update on hearth.companions
  for each row execute function hearth.enforce_own_companion_rules();

-- The Community's companions: their maker's display name (never an email) and how many
-- conversations they have, in all and in the last week (trending). Security definer: people read
-- only their own rows of users and conversations; this tells about public companions only.
create or replace function hearth.community_stats(ids uuid[])
returns table (companion_id uuid, creator text, chats bigint, recent_chats bigint)
language sql stable security definer set search_path = ''
as $$
  select p.id, coalesce(nullif(u.name, ''), 'Someone'), count(c.id),
         count(c.id) filter (where c.updated_at > now() - interval '7 days')
    from hearth.companions p
    join hearth.users u on u.id = p.owner_id
    left join hearth.conversations c on c.companion_id = p.id
   where p.id = any (ids) and p.audience = 'public'
   group by p.id, u.name
$$;

-- Owners write their companions' avatars and versions; the admin policies stay for the catalogue.
drop policy if exists companion_avatars_owner_write on hearth.companion_avatars;
create policy companion_avatars_owner_write on hearth.companion_avatars
  for all to hearth_user
  using (exists (select 1 from hearth.companions c where c.id = companion_id and c.owner_id = (select hearth.requesting_user_id())))
  with check (exists (select 1 from hearth.companions c where c.id = companion_id and c.owner_id = (select hearth.requesting_user_id())));

select hearth.lock_down();

grant select on hearth.companions to hearth_anon;
grant select, insert, update on hearth.companions to hearth_user;
grant execute on function hearth.companion_link() to hearth_user, hearth_anon;
grant execute on function hearth.talks_with(uuid) to hearth_user, hearth_anon;
grant execute on function hearth.community_stats(uuid[]) to hearth_user;
