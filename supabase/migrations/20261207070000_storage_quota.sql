-- A storage quota per person. What someone stores is the sum of their uploads (attached to a
-- message or not, sent by them or generated for them, voice notes and call audio included) and of
-- their pending uploads (counted at the size announced until the bytes are confirmed).
--
-- The check runs in the database, before each row is inserted into hearth.uploads or
-- hearth.pending_uploads, whatever code path inserts it. It takes a transaction-scoped advisory
-- lock per user first, so two uploads at once are counted one after the other: the second sees
-- the first's row (each statement of a volatile PL/pgSQL function reads a fresh snapshot) and
-- neither can slip under the limit beside the other. The lock is per user: other people's uploads
-- never wait on it.
--
-- The limits come from the app's environment (STORAGE_QUOTA_MB...): lib/db/scope.ts sets
-- hearth.storage_quota to "guest,user,admin" in bytes in every user scope; 0 is no limit, and a
-- transaction without the setting (migrations, maintenance jobs) is not limited. Over the limit
-- the insert fails with SQLSTATE HQ413, and the detail says what is used, of what, and the size
-- that did not fit; lib/errors.ts turns that into a 413 with code storage_quota.

-- Bytes stored by one person, read by the trigger whatever the caller's RLS scope.
-- An upload whose message was deleted (a reply replaced by a regeneration or an edit: the
-- foreign key sets message_id to null and the conversation stays) no longer counts: nothing can
-- show it, and the stale-upload job deletes it with its object on its next run.
create or replace function hearth.storage_used(p_user uuid) returns bigint
language sql stable security definer set search_path = ''
as $$
  select coalesce((select sum(u.size_bytes) from hearth.uploads u
                    where u.user_id = p_user and (u.message_id is not null or u.conversation_id is null)), 0)::bigint
       + coalesce((select sum(p.size_bytes) from hearth.pending_uploads p where p.user_id = p_user), 0)::bigint
$$;

create or replace function hearth.enforce_storage_quota() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  quotas text[] := string_to_array(nullif(current_setting('hearth.storage_quota', true), ''), ',');
  quota bigint;
  used bigint;
begin
  if quotas is null then
    return new;
  end if;
  select nullif(quotas[case when u.role = 'admin' then 3 when u.is_guest then 1 else 2 end], '')::bigint
    into quota from hearth.users u where u.id = new.user_id;
  if quota is null or quota <= 0 then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('hearth.storage_quota:' || new.user_id::text, 0));
  used := hearth.storage_used(new.user_id);
  if used + new.size_bytes > quota then
    raise exception using
      errcode = 'HQ413',
      message = 'storage quota exceeded',
      detail = json_build_object('used', used, 'quota', quota, 'size', new.size_bytes)::text;
  end if;
  return new;
end
$$;

drop trigger if exists uploads_storage_quota on hearth.uploads;
create trigger uploads_storage_quota
  before insert on hearth.uploads
  for each row execute function hearth.enforce_storage_quota();

drop trigger if exists pending_uploads_storage_quota on hearth.pending_uploads;
create trigger pending_uploads_storage_quota
  before insert on hearth.pending_uploads
  for each row execute function hearth.enforce_storage_quota();

-- The stale-upload job finds the uploads of deleted messages.
create index if not exists uploads_orphaned_idx on hearth.uploads (created_at)
  where message_id is null and conversation_id is not null;

select hearth.lock_down();
-- Nothing to grant: the trigger runs as the owner, and the settings page sums the person's own
-- rows in their RLS scope (storage_used takes any id, so nobody else may call it).
