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
  search tsvector generated always as (
    to_tsvector('simple', content || ' ' || coalesce(replace(replace(subject, '_', ' '), ':', ' '), ''))
  ) stored
);
create index if not exists memories_scope_salience_idx
  on public.memories (user_id, companion_id, importance desc, updated_at desc);
create index if not exists memories_search_idx on public.memories using gin (search);
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
drop policy if exists memories_own on public.memories;
create policy memories_own on public.memories
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (
    user_id = public.requesting_user_id()
    and (source_conversation_id is null or exists (
      select 1 from public.conversations c
      where c.id = source_conversation_id and c.user_id = public.requesting_user_id()
    ))
  );

drop policy if exists memory_settings_own on public.memory_settings;
create policy memory_settings_own on public.memory_settings
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (user_id = public.requesting_user_id());
