-- Voices per language for calls: {"fr-FR": "Zephyr", ...}, a provider voice id or a voice style
-- ("warm") per BCP 47 language; the companion's `voice` speaks the languages not listed.
-- public.companions already has RLS (everyone reads published rows, admins write).
alter table public.companions
  add column if not exists voices jsonb not null default '{}'::jsonb check (jsonb_typeof(voices) = 'object');
