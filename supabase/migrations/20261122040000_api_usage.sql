-- Usage of the stateless OpenAI-compatible endpoint (POST /api/v1/chat/completions), which stores
-- no conversation: one row per completion, recorded against the caller. Replies in conversations
-- keep their usage on their message rows.

create table if not exists public.api_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default public.requesting_user_id() references public.users (id) on delete cascade,
  -- The model that answered, and the companion whose persona it spoke as (null for a plain model).
  model text not null check (char_length(model) <= 200),
  companion_id uuid references public.companions (id) on delete set null,
  status text not null check (status in ('complete', 'error', 'aborted')),
  input_tokens integer check (input_tokens is null or input_tokens >= 0),
  output_tokens integer check (output_tokens is null or output_tokens >= 0),
  usage_estimated boolean not null default false,
  cost_usd double precision check (cost_usd is null or cost_usd >= 0),
  created_at timestamptz not null default now()
);
create index if not exists api_usage_user_created_idx on public.api_usage (user_id, created_at desc);

alter table public.api_usage enable row level security;

-- People read and add their own rows; usage is never edited.
revoke all on public.api_usage from anon, authenticated;
grant select, insert on public.api_usage to authenticated;

drop policy if exists api_usage_own on public.api_usage;
create policy api_usage_own on public.api_usage
  for all to authenticated
  using (user_id = public.requesting_user_id())
  with check (user_id = public.requesting_user_id());
