-- Thumbs up and down on replies (issue 19): a person rates a companion's reply in their own
-- conversation, and admins see the counts per companion and per model.
--
-- messages.rating: 1 (good), -1 (bad) or null (not rated). Only a companion's reply can carry one;
-- the check holds that for every path, not just the app's. hearth_user already has UPDATE on
-- hearth.messages (the reply pipeline writes in the user's scope) and messages_own limits it to the
-- person's own rows, so no new grant or policy is needed.
alter table hearth.messages add column if not exists rating smallint;

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'messages_rating_check'
                    and conrelid = 'hearth.messages'::regclass) then
    -- NOT VALID skips scanning every message under the table lock: the column was added just
    -- above, so every existing row is null and passes. New and updated rows are checked as usual.
    alter table hearth.messages add constraint messages_rating_check
      check (rating is null or (rating in (-1, 1) and role = 'assistant')) not valid;
  end if;
end
$$;

-- Ratings are counted directly rather than in the daily rollups: a rating arrives (or changes)
-- any time after its reply was written, while a rollup refresh only revisits the days since its
-- last run, so a rollup would miss a rating on an older reply. Rated replies are few, and this
-- partial index holds only them, so the count reads a small index however many messages there are.
create index if not exists messages_rated_idx on hearth.messages (created_at) where rating is not null;

-- The counts of ratings on replies written between p_from and p_to (UTC days, inclusive), by
-- companion and model: aggregates only, for admins (nobody's message is returned). Security
-- definer because admins cannot read other people's messages; it checks is_admin() itself.
create or replace function hearth.reply_rating_counts(p_from date, p_to date)
returns table (companion_id uuid, model text, up integer, down integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not hearth.is_admin() then
    raise exception 'only admins can read reply ratings' using errcode = '42501';
  end if;
  return query
  select c.companion_id, coalesce(m.model, c.model),
         (count(*) filter (where m.rating = 1))::integer,
         (count(*) filter (where m.rating = -1))::integer
    from hearth.messages m
    join hearth.conversations c on c.id = m.conversation_id
   where m.rating is not null
     and m.created_at >= p_from::timestamp at time zone 'UTC'
     and m.created_at < (p_to + 1)::timestamp at time zone 'UTC'
   group by 1, 2;
end
$$;

select hearth.lock_down();
grant execute on function hearth.reply_rating_counts(date, date) to hearth_user;
