-- Serverless lifetimes (docs/architecture/jobs-and-lifetimes.md): a function may be killed in the
-- middle of a reply, and Stop may reach another instance than the one writing it.
--
-- * messages.progress_at: the heartbeat of a reply being written. The instance writing it sets it
--   (with the partial text) every 2 s; a streaming reply whose heartbeat is older than 30 s was
--   cut off and is closed as an error with the text saved so far (by the job, or when read).
-- * messages.stop_requested_at: Stop, written in the user's scope by whichever instance the Stop
--   reached; the writing instance reads it back on its next tick, so Stop needs no Redis.
-- * A partial index of the replies being written, so neither the job nor a reader scans the table.
--   It is keyed on a column the heartbeat never changes.
-- * hearth.job_runs: what the job runner did, for the admin to see.

-- A non-volatile default: no table rewrite; rows that exist get this migration's time.
alter table hearth.messages
  add column if not exists progress_at timestamptz not null default now(),
  add column if not exists stop_requested_at timestamptz;

create index if not exists messages_streaming_idx on hearth.messages (conversation_id) where status = 'streaming';

-- Uploads never attached to a message, for the job that deletes them after a day.
create index if not exists uploads_unattached_idx on hearth.uploads (created_at)
  where conversation_id is null and message_id is null;

create table if not exists hearth.job_runs (
  id bigint generated always as identity primary key,
  job text not null check (char_length(job) between 1 and 100),
  started_at timestamptz not null,
  finished_at timestamptz not null,
  outcome text not null check (outcome in ('ok', 'failed')),
  detail text check (detail is null or char_length(detail) <= 2000),
  rows_affected integer check (rows_affected is null or rows_affected >= 0),
  check (finished_at >= started_at)
);
create index if not exists job_runs_job_started_idx on hearth.job_runs (job, started_at desc);

-- Written only by the runner, outside any user scope; admins read it.
alter table hearth.job_runs enable row level security;
drop policy if exists job_runs_admin_read on hearth.job_runs;
create policy job_runs_admin_read on hearth.job_runs
  for select to hearth_user
  using ((select hearth.is_admin()));

select hearth.lock_down();

grant select on hearth.job_runs to hearth_user;
