-- Uploads: images and voice notes people attach, and pictures companions make. The bytes live in
-- the blob store (lib/storage: local disk, or a private Supabase Storage bucket); this table says
-- whose they are, what they are and where they are attached.

create table if not exists public.uploads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  -- Set when the upload is attached to a message; deleting the conversation deletes the row (the
  -- app deletes the blob beside it).
  conversation_id uuid references public.conversations (id) on delete cascade,
  message_id uuid references public.messages (id) on delete set null,
  kind text not null check (kind in ('image', 'audio')),
  source text not null default 'upload' check (source in ('upload', 'generated')),
  media_type text not null check (media_type in (
    'image/png', 'image/jpeg', 'image/webp', 'image/gif',
    'audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/wav', 'audio/mp4')),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 26214400),
  -- Object path in the store: always starts with the owner's id.
  path text not null unique check (char_length(path) <= 300),
  width integer check (width is null or width > 0),
  height integer check (height is null or height > 0),
  filename text check (filename is null or char_length(filename) <= 255),
  -- Voice notes: what was said, the language the transcriber detected, or why there is no transcript.
  transcript text check (transcript is null or char_length(transcript) <= 20000),
  transcript_language text check (transcript_language is null or char_length(transcript_language) <= 40),
  transcript_error text check (transcript_error is null or char_length(transcript_error) <= 500),
  created_at timestamptz not null default now(),
  check (path like user_id::text || '/%')
);
create index if not exists uploads_user_created_idx on public.uploads (user_id, created_at desc);
create index if not exists uploads_conversation_idx on public.uploads (conversation_id);
create index if not exists uploads_message_idx on public.uploads (message_id);

alter table public.uploads enable row level security;

revoke all on public.uploads from anon, authenticated;
grant select, insert, update (conversation_id, message_id), delete on public.uploads to authenticated;

drop policy if exists uploads_own on public.uploads;
create policy uploads_own on public.uploads
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (
    user_id = public.requesting_user_id()
    and (conversation_id is null or exists (
      select 1 from public.conversations c
      where c.id = conversation_id and c.user_id = public.requesting_user_id()
    ))
  );

-- Supabase Storage: the private bucket and its policies, so that even a client holding a user's
-- JWT reaches only objects under its own id. The server uses the service role (which bypasses
-- these) but still builds every path from the signed-in user. Plain PostgreSQL and PGlite have no
-- storage schema: there this block does nothing.
do $$
begin
  if exists (select 1 from information_schema.tables where table_schema = 'storage' and table_name = 'objects') then
    insert into storage.buckets (id, name, public) values ('hearth-media', 'hearth-media', false)
      on conflict (id) do update set public = false;
    execute 'drop policy if exists hearth_media_own_read on storage.objects';
    execute $p$create policy hearth_media_own_read on storage.objects for select to authenticated
      using (bucket_id = 'hearth-media' and (storage.foldername(name))[1] = auth.uid()::text)$p$;
    execute 'drop policy if exists hearth_media_own_insert on storage.objects';
    execute $p$create policy hearth_media_own_insert on storage.objects for insert to authenticated
      with check (bucket_id = 'hearth-media' and (storage.foldername(name))[1] = auth.uid()::text)$p$;
    execute 'drop policy if exists hearth_media_own_delete on storage.objects';
    execute $p$create policy hearth_media_own_delete on storage.objects for delete to authenticated
      using (bucket_id = 'hearth-media' and (storage.foldername(name))[1] = auth.uid()::text)$p$;
  end if;
end
$$;
