-- Voice calls: a call is a session with one companion over one conversation, expiring an hour after
-- it is created; each turn records where its time went. Voice turns are marked on their messages
-- (source 'voice'); an interrupted reply (barge-in, a dropped client) is an 'aborted' voice reply.

alter table public.messages
  add column if not exists source text not null default 'text' check (source in ('text', 'voice'));

create table if not exists public.calls (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  companion_id uuid not null references public.companions (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  language text not null check (language in ('en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT')),
  status text not null default 'waiting' check (status in ('waiting', 'active', 'ended')),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz,
  expires_at timestamptz not null default now() + interval '1 hour',
  end_reason text check (end_reason is null or end_reason in ('hangup', 'expired')),
  duration_ms integer check (duration_ms is null or duration_ms >= 0),
  turn_count integer not null default 0 check (turn_count >= 0),
  interrupted_count integer not null default 0 check (interrupted_count >= 0),
  speech_seconds numeric(10, 2) not null default 0 check (speech_seconds >= 0),
  speech_characters integer not null default 0 check (speech_characters >= 0),
  model_cost_usd numeric(14, 9) not null default 0,
  transcription_cost_usd numeric(14, 9) not null default 0,
  speech_cost_usd numeric(14, 9) not null default 0,
  check ((status = 'ended') = (ended_at is not null))
);
create index if not exists calls_user_created_idx on public.calls (user_id, created_at desc);
create index if not exists calls_conversation_idx on public.calls (conversation_id);

-- One row per turn: the timings of the cascade, in ms from the moment the request arrived (the
-- client's end of speech is that moment less its upload); playback_ms is reported by the client later.
create table if not exists public.call_turns (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references public.calls (id) on delete cascade,
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  user_message_id uuid references public.messages (id) on delete set null,
  assistant_message_id uuid references public.messages (id) on delete set null,
  input text not null check (input in ('voice', 'text')),
  speech_ms integer check (speech_ms is null or speech_ms >= 0),
  transcript_ms integer check (transcript_ms is null or transcript_ms >= 0),
  first_token_ms integer check (first_token_ms is null or first_token_ms >= 0),
  first_audio_ms integer check (first_audio_ms is null or first_audio_ms >= 0),
  playback_ms integer check (playback_ms is null or playback_ms >= 0),
  total_ms integer check (total_ms is null or total_ms >= 0),
  interrupted boolean not null default false,
  speech_characters integer not null default 0 check (speech_characters >= 0),
  created_at timestamptz not null default clock_timestamp()
);
create index if not exists call_turns_call_idx on public.call_turns (call_id, created_at);

alter table public.calls enable row level security;
alter table public.call_turns enable row level security;

revoke all on public.calls, public.call_turns from anon, authenticated;
grant select, insert, update on public.calls to authenticated;
grant select, insert, update on public.call_turns to authenticated;

drop policy if exists calls_own on public.calls;
create policy calls_own on public.calls
  for all to authenticated
  using (user_id = (select public.requesting_user_id()))
  with check (
    user_id = (select public.requesting_user_id())
    and exists (select 1 from public.conversations c
                 where c.id = conversation_id and c.user_id = (select public.requesting_user_id()))
  );

drop policy if exists call_turns_own on public.call_turns;
create policy call_turns_own on public.call_turns
  for all to authenticated
  using (user_id = (select public.requesting_user_id()))
  with check (
    user_id = (select public.requesting_user_id())
    and exists (select 1 from public.calls c where c.id = call_id and c.user_id = (select public.requesting_user_id()))
  );
