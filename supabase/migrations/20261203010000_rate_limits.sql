-- Rate limits and quotas (lib/rate-limit): one counter per bucket ("rpm:user:<id>",
-- "mph:ip:<address>", ...) for its current window. The counters belong to no user (a bucket may be
-- a client address), so no role but the app's own connection reaches them: RLS is on with no
-- policy, and the take function below is a named job the server runs outside any user scope.

create table if not exists public.rate_limit_counters (
  bucket text primary key check (char_length(bucket) <= 200),
  count integer not null check (count >= 0),
  resets_at timestamptz not null
);

-- For the sweep of ended windows.
create index if not exists rate_limit_counters_resets_at_idx on public.rate_limit_counters (resets_at);

alter table public.rate_limit_counters enable row level security;
revoke all on public.rate_limit_counters from anon, authenticated;

-- Counts one request in every bucket, or in none when any of them is full. One statement counts
-- them all and locks their rows, in bucket order so that two takes never wait on each other in a
-- circle; a refused take gives its counts back before the locks are released, so concurrent takes
-- never let more than the limit through. A window starts at a bucket's first request after the
-- previous one ended. Returns each bucket's count including this request, and when its window ends.
create or replace function public.rate_limit_take(p_buckets text[], p_limits integer[], p_windows_ms integer[], p_now timestamptz)
returns table (allowed boolean, counts integer[], resets_at timestamptz[])
language plpgsql
set search_path = ''
as $$
declare
  v_counts integer[];
  v_resets timestamptz[];
  v_full boolean;
begin
  with wanted as (
    select w.bucket, w.window_ms, w.i
      from unnest(p_buckets, p_windows_ms) with ordinality as w(bucket, window_ms, i)
  ), taken as (
    insert into public.rate_limit_counters as c (bucket, count, resets_at)
    select wanted.bucket, 1, p_now + wanted.window_ms * interval '1 millisecond'
      from wanted
     order by wanted.bucket
    on conflict (bucket) do update
       set count = case when c.resets_at <= p_now then 1 else c.count + 1 end,
           resets_at = case when c.resets_at <= p_now then excluded.resets_at else c.resets_at end
    returning c.bucket, c.count, c.resets_at
  )
  select array_agg(taken.count order by wanted.i),
         array_agg(taken.resets_at order by wanted.i),
         bool_or(taken.count > p_limits[wanted.i])
    into v_counts, v_resets, v_full
    from taken join wanted using (bucket);

  if v_full then
    update public.rate_limit_counters c set count = c.count - 1 where c.bucket = any (p_buckets);
  end if;
  return query select not v_full, v_counts, v_resets;
end
$$;

revoke all on function public.rate_limit_take(text[], integer[], integer[], timestamptz) from public;
revoke all on function public.rate_limit_take(text[], integer[], integer[], timestamptz) from anon, authenticated;
