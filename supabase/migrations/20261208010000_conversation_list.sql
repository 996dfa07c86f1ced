-- The chat list: pinned and archived conversations, and full-text search over the person's own
-- conversations (titles and what was said). Written for PostgreSQL 15 and PGlite (18).
--
-- Pinning and archiving are columns of the conversation: hearth_user may already update its own
-- rows (conversations_own), so no new grant or policy is needed and RLS scopes both.
alter table hearth.conversations
  add column if not exists pinned_at timestamptz,
  add column if not exists archived_at timestamptz;

-- Search uses the 'simple' configuration (no stemming, no stop words): conversations mix
-- languages, and it is the one configuration every PostgreSQL build has, PGlite included. A
-- message's words are the text of its text parts (its files are not words).
create index if not exists messages_search_idx on hearth.messages
  using gin (to_tsvector('simple'::regconfig, jsonb_path_query_array(parts, '$[*] ? (@.type == "text").text')));

-- The requesting user's newest message in each conversation that matches p_query (a to_tsquery
-- text). Under RLS the planner may not use the index above: @@ is not leakproof, so it must not
-- see rows before the policy has filtered them, and every search would read every message of
-- every user. Run as the owner, the function uses the index and filters by the user itself. Its
-- expression must stay the index's, word for word.
create or replace function hearth.search_messages(p_query text)
returns table (conversation_id uuid, parts jsonb)
language sql stable security definer set search_path = ''
as $$
  select distinct on (m.conversation_id) m.conversation_id, m.parts
    from hearth.messages m
   where to_tsvector('simple'::regconfig, jsonb_path_query_array(m.parts, '$[*] ? (@.type == "text").text'))
         @@ to_tsquery('simple', p_query)
     and m.user_id = hearth.requesting_user_id()
   order by m.conversation_id, m.seq desc
$$;

select hearth.lock_down();
grant execute on function hearth.search_messages(text) to hearth_user;
