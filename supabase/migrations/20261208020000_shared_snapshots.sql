-- Shared links: a read-only copy of a conversation that anyone with its link may read.
--
-- A snapshot copies the conversation's text messages as they are when it is made (title, who said
-- what), so messages sent, edited or regenerated later never reach the link. It holds no uploads,
-- no memories, no model ids and no system instructions; the person's name only if they chose to
-- show it (author_name), otherwise the page says "You".
--
-- The owner creates, lists and turns off (deletes) their snapshots under RLS, like their other
-- rows. Nobody reads the table directly without being its owner: a signed-out reader gets only
-- the public fields through hearth.shared_snapshot(token), a security definer function executable
-- by hearth_anon alone. The token is 32 random bytes (base64url, 43 characters) made by the app;
-- it is kept as it is, not hashed, so its owner can copy the link again from Settings, and RLS
-- keeps it from everyone else. Deleting the conversation, or the account, deletes its links; a
-- disabled account's links stop working.

create table if not exists hearth.shared_snapshots (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default hearth.requesting_user_id() references hearth.users (id) on delete cascade,
  conversation_id uuid not null references hearth.conversations (id) on delete cascade,
  token text not null unique check (token ~ '^[A-Za-z0-9_-]{43}$'),
  title text not null check (char_length(title) between 1 and 200),
  author_name text check (author_name is null or char_length(author_name) between 1 and 100),
  -- [{"role": "user" | "assistant", "text": "..."}], oldest first.
  messages jsonb not null check (jsonb_typeof(messages) = 'array'),
  -- How many earlier messages a very long conversation left out (the snapshot keeps the newest).
  omitted integer not null default 0 check (omitted >= 0),
  created_at timestamptz not null default now()
);
create index if not exists shared_snapshots_user_created_idx on hearth.shared_snapshots (user_id, created_at desc);
create index if not exists shared_snapshots_conversation_idx on hearth.shared_snapshots (conversation_id);

alter table hearth.shared_snapshots enable row level security;

-- Own rows only, and only of one's own conversation: claiming someone else's conversation (even
-- with their id as user_id) is refused.
drop policy if exists shared_snapshots_own on hearth.shared_snapshots;
create policy shared_snapshots_own on hearth.shared_snapshots
  for all to hearth_user
  using (user_id = (select hearth.requesting_user_id()))
  with check (
    user_id = (select hearth.requesting_user_id())
    and exists (
      select 1 from hearth.conversations c
       where c.id = conversation_id and c.user_id = (select hearth.requesting_user_id())
    )
  );

-- What a signed-out reader may see of one snapshot: its copy and the companion's public face.
-- Nothing for an unknown or turned-off token, or for a disabled account's.
create or replace function hearth.shared_snapshot(p_token text)
returns table (
  title text, author_name text, messages jsonb, omitted integer, created_at timestamptz,
  companion_slug text, companion_name text, companion_tagline text, companion_avatar_url text,
  companion_accent_color text
)
language sql stable security definer set search_path = ''
as $$
  select s.title, s.author_name, s.messages, s.omitted, s.created_at,
         p.slug, p.name, p.tagline, p.avatar_url, p.accent_color
    from hearth.shared_snapshots s
    join hearth.users u on u.id = s.user_id
    join hearth.conversations c on c.id = s.conversation_id
    join hearth.companions p on p.id = c.companion_id
   where s.token = p_token and u.disabled_at is null
$$;

select hearth.lock_down();

grant select, insert, delete on hearth.shared_snapshots to hearth_user;
grant execute on function hearth.shared_snapshot(text) to hearth_anon;
