-- Long-term memory: what a companion remembers about a person, the person's memory settings, and
-- each conversation's rolling summary of the turns that no longer fit a prompt.

create table if not exists public.memories (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  -- null: about the person in general, shared by every companion (only when they opted in).
  companion_id uuid references public.companions (id) on delete cascade,
  kind text not null check (kind in ('fact', 'preference', 'relationship', 'event')),
  -- A stable label for what the memory is about (home_city, relationship:sister), so a newer
  -- statement on the same subject replaces the old one instead of sitting beside it.
  subject text check (subject is null or char_length(subject) <= 80),
  content text not null check (char_length(content) between 1 and 500),
  importance smallint not null default 3 check (importance between 1 and 5),
  event_date date,
  source_message_id uuid references public.messages (id) on delete set null,
  source_conversation_id uuid references public.conversations (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_used_at timestamptz,
  -- From MEMORY_EMBEDDING_MODEL when one is configured; compared in the app (portable: this
  -- works on any PostgreSQL, pgvector or not).
  embedding real[],
  search tsvector generated always as (
    to_tsvector('simple', content || ' ' || coalesce(replace(replace(subject, '_', ' '), ':', ' '), ''))
  ) stored
);
create index if not exists memories_scope_salience_idx
  on public.memories (user_id, companion_id, importance desc, updated_at desc);
-- fastupdate off: memories are written a few at a time and read on every reply, so entries go
-- straight into the index rather than a pending list every search would have to scan.
create index if not exists memories_search_idx on public.memories using gin (search) with (fastupdate = off);
-- One memory per subject and scope; a subject-less memory is free-standing.
create unique index if not exists memories_subject_idx
  on public.memories (user_id, coalesce(companion_id, '00000000-0000-0000-0000-000000000000'::uuid), subject)
  where subject is not null;

-- Memory on or off: a row with a companion is that companion's switch (on when absent); the row
-- without one is the opt-in to general memories shared by all companions (off when absent).
create table if not exists public.memory_settings (
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  companion_id uuid references public.companions (id) on delete cascade,
  enabled boolean not null,
  updated_at timestamptz not null default now()
);
create unique index if not exists memory_settings_scope_idx
  on public.memory_settings (user_id, coalesce(companion_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- The rolling summary: the turns up to summary_through_seq, folded into text the prompt carries
-- instead of them.
alter table public.conversations add column if not exists summary text
  check (summary is null or char_length(summary) <= 8000);
alter table public.conversations add column if not exists summary_through_seq bigint not null default 0;

alter table public.memories enable row level security;
alter table public.memory_settings enable row level security;

grant select, insert, update, delete on public.memories to authenticated;
grant select, insert, update, delete on public.memory_settings to authenticated;

-- The person's own memories only; nobody else, admins included, has a policy that reads them.
-- (select ...): the requesting user is read once per query, not once per row.
drop policy if exists memories_own on public.memories;
create policy memories_own on public.memories
  for all to authenticated
  using (user_id = (select public.requesting_user_id()))
  with check (
    user_id = (select public.requesting_user_id())
    and (source_conversation_id is null or exists (
      select 1 from public.conversations c
      where c.id = source_conversation_id and c.user_id = (select public.requesting_user_id())
    ))
  );

drop policy if exists memory_settings_own on public.memory_settings;
create policy memory_settings_own on public.memory_settings
  for all to authenticated
  using (user_id = (select public.requesting_user_id()))
  with check (user_id = (select public.requesting_user_id()));

-- Recall before each reply. Row-level security cannot use the full-text index: @@ is not
-- leakproof, so under a policy it is evaluated row by row after the policy's filter, which at
-- 10,000 memories takes tens of milliseconds. This function runs as its owner to use the index
-- and applies the same rule as memories_own itself: only the requesting user's rows, and none
-- while memory is off for the companion. For each query word it takes the most salient prefix
-- matches (so a rare word keeps its own places beside a common one), plus the most important
-- and recent memories whatever was said.
create or replace function public.memory_candidates(p_companion uuid, p_terms text[], p_per_term int default 15)
returns table (
  id uuid, companion_id uuid, kind text, subject text, content text, importance smallint, event_date date,
  source_message_id uuid, source_conversation_id uuid, created_at timestamptz, updated_at timestamptz,
  last_used_at timestamptz, embedding real[], relevance float8
)
language sql stable security definer set search_path = public
as $$
  with me as (
    select public.requesting_user_id() as uid
  ), settings as (
    select
      coalesce((select s.enabled from public.memory_settings s, me where s.user_id = me.uid and s.companion_id = p_companion), true) as enabled,
      coalesce((select s.enabled from public.memory_settings s, me where s.user_id = me.uid and s.companion_id is null), false) as shared
  ), scoped as (
    select me.uid, settings.shared from me, settings where settings.enabled and me.uid is not null
  ), matched as (
    select x.id from scoped, unnest(p_terms) as t(term), lateral (
      select m.id from public.memories m
       where m.user_id = scoped.uid
         and (m.companion_id = p_companion or (m.companion_id is null and scoped.shared))
         and m.search @@ to_tsquery('simple', quote_literal(t.term) || ':*')
       order by m.importance desc, m.updated_at desc limit p_per_term
    ) x
  ), salient as (
    select s.id from (
      (select m.id, m.importance, m.updated_at from public.memories m, scoped
        where m.user_id = scoped.uid and m.companion_id = p_companion
        order by m.importance desc, m.updated_at desc limit 20)
      union all
      (select m.id, m.importance, m.updated_at from public.memories m, scoped
        where m.user_id = scoped.uid and m.companion_id is null and scoped.shared
        order by m.importance desc, m.updated_at desc limit 20)
    ) s order by s.importance desc, s.updated_at desc limit 20
  ), query as (
    select to_tsquery('simple', coalesce(string_agg(quote_literal(term) || ':*', ' | '), '')) as q from unnest(p_terms) as term
  )
  select m.id, m.companion_id, m.kind, m.subject, m.content, m.importance, m.event_date, m.source_message_id,
         m.source_conversation_id, m.created_at, m.updated_at, m.last_used_at, m.embedding,
         case when m.search @@ query.q then ts_rank_cd(m.search, query.q) else 0 end::float8
    from (select matched.id from matched union select salient.id from salient) x
    join public.memories m on m.id = x.id, query, scoped
   where m.user_id = scoped.uid
$$;
revoke all on function public.memory_candidates(uuid, text[], int) from public;
grant execute on function public.memory_candidates(uuid, text[], int) to authenticated;
