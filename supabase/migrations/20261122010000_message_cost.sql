-- What each reply cost, from the catalogue's price and the reply's usage; null when unknown.
alter table public.messages
  add column if not exists cost_usd double precision check (cost_usd is null or cost_usd >= 0);
