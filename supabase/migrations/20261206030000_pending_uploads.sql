-- Uploads that bypass the app: the server hands out an upload target (a signed Supabase Storage
-- URL, or the app's own route with local storage), the client sends the bytes there, then asks
-- the server to confirm. Between the two steps the upload is pending: this table remembers what
-- was announced (type, size, name) and where the object will be, so the confirmation checks the
-- stored bytes against it, and the stale-upload job can delete objects never confirmed.
create table if not exists hearth.pending_uploads (
  id uuid primary key,
  user_id uuid not null default hearth.requesting_user_id() references hearth.users (id) on delete cascade,
  kind text not null check (kind in ('image', 'audio')),
  media_type text not null check (media_type in (
    'image/png', 'image/jpeg', 'image/webp', 'image/gif',
    'audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/wav', 'audio/mp4')),
  -- What the client announced; the confirmation enforces the real cap on the stored object.
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 26214400),
  filename text check (filename is null or char_length(filename) <= 255),
  path text not null unique check (char_length(path) <= 300),
  created_at timestamptz not null default now(),
  check (path like user_id::text || '/%')
);
create index if not exists pending_uploads_user_idx on hearth.pending_uploads (user_id);
create index if not exists pending_uploads_created_idx on hearth.pending_uploads (created_at);

alter table hearth.pending_uploads enable row level security;

drop policy if exists pending_uploads_own on hearth.pending_uploads;
create policy pending_uploads_own on hearth.pending_uploads
  for all to hearth_user
  using (user_id = hearth.requesting_user_id())
  with check (user_id = hearth.requesting_user_id());

-- The stale-upload job looks for uploads no message took, oldest first.
create index if not exists uploads_unattached_created_idx on hearth.uploads (created_at)
  where message_id is null and conversation_id is null;

select hearth.lock_down();

grant select, insert, delete on hearth.pending_uploads to hearth_user;
