-- Model routing: each companion's ordered fallback models and its NSFW flag; on each reply,
-- the models that failed before it started (fallbacks) and whether its usage was estimated.

alter table public.companions
  add column if not exists fallback_models text[] not null default '{}'
    check (cardinality(fallback_models) <= 8),
  add column if not exists nsfw boolean not null default false;

alter table public.messages
  -- [{model, error}] in the order they were tried; null when the first model answered.
  add column if not exists fallbacks jsonb check (fallbacks is null or jsonb_typeof(fallbacks) = 'array'),
  add column if not exists usage_estimated boolean not null default false;
