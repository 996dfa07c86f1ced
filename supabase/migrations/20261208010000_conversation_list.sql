-- The chat list: pinned and archived conversations, and full-text search over the person's own
-- conversations (titles and what was said). Written for PostgreSQL 15 and PGlite (18).
--
-- Pinning and archiving are columns of the conversation: hearth_user may already update its own
-- rows (conversations_own), so no new grant or policy is needed and RLS scopes both.
alter table hearth.conversations
  add column if not exists pinned_at timestamptz,
  add column if not exists archived_at timestamptz;

-- Search uses the 'simple' configuration (no stemming, no stop words): conversations mix
-- languages, and it is the one configuration every PostgreSQL build has, PGlite included. The
-- expression must stay exactly as lib/conversations/search.ts writes it, or the planner cannot
-- use the index. A message's words are the text of its text parts (its files are not words).
create index if not exists messages_search_idx on hearth.messages
  using gin (to_tsvector('simple'::regconfig, jsonb_path_query_array(parts, '$[*] ? (@.type == "text").text')));

select hearth.lock_down();
