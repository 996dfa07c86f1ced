-- The Community's likes, reports and moderation (docs/architecture/user-companions.md).
--
-- Admins moderate people's companions: hide (out of the Community and closed to new people),
-- feature (first in the Community), remove (archived), and re-label as NSFW (the owner cannot
-- take the label off again). People confirm their age to see NSFW companions in the Community.

alter table hearth.companions
  add column if not exists hidden_at timestamptz,
  add column if not exists featured_at timestamptz,
  add column if not exists nsfw_locked boolean not null default false;

alter table hearth.users add column if not exists adult_confirmed_at timestamptz;
grant update (adult_confirmed_at) on hearth.users to hearth_user;

-- A hidden companion reads like a private one to everyone but its owner, admins and the people
-- who already talk with it.
drop policy if exists companions_active_readable on hearth.companions;
create policy companions_active_readable on hearth.companions
  for select to hearth_anon, hearth_user
  using (
    (active and visibility = 'published' and archived_at is null
      and (owner_id is null
        or (hidden_at is null and (audience = 'public' or (audience = 'unlisted' and id = (select hearth.companion_link()))))))
    or (owner_id is not null and owner_id = (select hearth.requesting_user_id()))
    or (owner_id is not null and hearth.talks_with(id))
  );

-- The owner's rules, plus: moderation columns are the admins' alone.
create or replace function hearth.enforce_own_companion_rules() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.owner_id is null then
    return new;
  end if;
  if not hearth.is_admin() then
    if tg_op = 'INSERT' then
      if new.hidden_at is not null or new.featured_at is not null or new.nsfw_locked then
        raise exception using errcode = 'HQ403', message = 'moderation is for admins';
      end if;
    elsif new.hidden_at is distinct from old.hidden_at or new.featured_at is distinct from old.featured_at
       or new.nsfw_locked is distinct from old.nsfw_locked then
      raise exception using errcode = 'HQ403', message = 'moderation is for admins';
    elsif old.nsfw_locked and new.nsfw is distinct from old.nsfw then
      raise exception using errcode = 'HQ403', message = 'a moderator set the NSFW label';
    end if;
  end if;
  if new.audience <> 'private' and not exists (
    select 1 from hearth.users u
     where u.id = new.owner_id and not u.is_guest and u.email_verified_at is not null and u.disabled_at is null
  ) then
    raise exception using errcode = 'HQ403', message = 'only a verified account can share a companion';
  end if;
  if cardinality(new.fallback_models) > 0 or new.max_output_tokens is not null then
    raise exception using
      errcode = 'HQ403',
      message = 'a person''s companion has no fallback models or output cap of its own';
  end if;
  return new;
end
$$;

-- A person's companion labelled NSFW talks only with people who confirmed their age (and its owner),
-- whichever way the conversation starts (the chat, a draft's first message, a call).
create or replace function hearth.enforce_adult_companions() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (
       select 1 from hearth.companions p
        where p.id = new.companion_id and p.nsfw and p.owner_id is not null and p.owner_id <> new.user_id)
     and not exists (select 1 from hearth.users u where u.id = new.user_id and u.adult_confirmed_at is not null) then
    raise exception using errcode = 'HQ403', message = 'confirm your age for NSFW companions';
  end if;
  return new;
end
$$;

drop trigger if exists conversations_adult_companions on hearth.conversations;
create trigger conversations_adult_companions
  before insert on hearth.conversations
  for each row execute function hearth.enforce_adult_companions();

create table if not exists hearth.companion_likes (
  companion_id uuid not null references hearth.companions (id) on delete cascade,
  user_id uuid not null references hearth.users (id) on delete cascade default hearth.requesting_user_id(),
  created_at timestamptz not null default now(),
  primary key (companion_id, user_id)
);
create index if not exists companion_likes_user_idx on hearth.companion_likes (user_id);
alter table hearth.companion_likes enable row level security;

-- People like what they can read, and see and take back only their own likes.
drop policy if exists companion_likes_own on hearth.companion_likes;
create policy companion_likes_own on hearth.companion_likes
  for all to hearth_user
  using (user_id = (select hearth.requesting_user_id()))
  with check (
    user_id = (select hearth.requesting_user_id()) and (select hearth.requesting_user_enabled())
    and exists (select 1 from hearth.companions c where c.id = companion_id)
  );

create table if not exists hearth.companion_reports (
  id uuid primary key default gen_random_uuid(),
  companion_id uuid not null references hearth.companions (id) on delete cascade,
  reporter_id uuid references hearth.users (id) on delete set null default hearth.requesting_user_id(),
  reason text not null check (reason in ('sexual_minors', 'hate', 'harassment', 'violence', 'impersonation', 'spam', 'unlabelled_nsfw', 'other')),
  note text not null default '' check (char_length(note) <= 1000),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references hearth.users (id) on delete set null,
  resolution text check (resolution in ('hidden', 'removed', 'relabelled', 'dismissed'))
);
-- One open report per person and companion: a second press is the same report.
create unique index if not exists companion_reports_open_idx on hearth.companion_reports (companion_id, reporter_id)
  where resolved_at is null;
create index if not exists companion_reports_queue_idx on hearth.companion_reports (created_at desc) where resolved_at is null;
alter table hearth.companion_reports enable row level security;

drop policy if exists companion_reports_file on hearth.companion_reports;
create policy companion_reports_file on hearth.companion_reports
  for insert to hearth_user
  with check (
    reporter_id = (select hearth.requesting_user_id()) and (select hearth.requesting_user_enabled())
    and resolved_at is null and resolved_by is null and resolution is null
    and exists (select 1 from hearth.companions c where c.id = companion_id and c.owner_id is distinct from reporter_id)
  );
drop policy if exists companion_reports_own_read on hearth.companion_reports;
create policy companion_reports_own_read on hearth.companion_reports
  for select to hearth_user
  using (reporter_id = (select hearth.requesting_user_id()) or (select hearth.is_admin()));
drop policy if exists companion_reports_admin_resolve on hearth.companion_reports;
create policy companion_reports_admin_resolve on hearth.companion_reports
  for update to hearth_user
  using ((select hearth.is_admin())) with check ((select hearth.is_admin()));

-- The Community's stats gain likes; hidden companions are not the Community's.
drop function if exists hearth.community_stats(uuid[]);
create or replace function hearth.community_stats(ids uuid[])
returns table (companion_id uuid, creator text, chats bigint, recent_chats bigint, likes bigint)
language sql stable security definer set search_path = ''
as $$
  select p.id, coalesce(nullif(u.name, ''), 'Someone'),
         (select count(*) from hearth.conversations c where c.companion_id = p.id),
         (select count(*) from hearth.conversations c where c.companion_id = p.id and c.updated_at > now() - interval '7 days'),
         (select count(*) from hearth.companion_likes l where l.companion_id = p.id)
    from hearth.companions p
    join hearth.users u on u.id = p.owner_id
   where p.id = any (ids) and p.audience = 'public' and p.hidden_at is null
$$;

select hearth.lock_down();

grant select, insert, delete on hearth.companion_likes to hearth_user;
grant select, insert on hearth.companion_reports to hearth_user;
grant update (resolved_at, resolved_by, resolution) on hearth.companion_reports to hearth_user;
grant execute on function hearth.community_stats(uuid[]) to hearth_user;
