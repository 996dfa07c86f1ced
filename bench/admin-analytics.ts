// `npm run bench:admin`: the admin dashboard's analytics over a generated dataset of at least a
// million messages in PostgreSQL. Figures, not a test. It creates (or reuses, with its rows) the
// database named by BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hearth_bench_admin),
// fills it with generate_series, then times what the dashboard does on every load: refresh the
// rollups (incremental) and run its queries, for 7-, 30- and 90-day ranges, beside the target.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadAnalytics } from '../lib/admin/analytics.ts';
import { grantAdmin } from '../lib/auth/grant-admin.ts';
import { openDatabase } from '../lib/db/index.ts';
import { withUser } from '../lib/db/scope.ts';
import { percentile } from './stats.ts';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hearth_bench_admin';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const USERS = 5_000;
const CONVERSATIONS = 50_000;
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TARGET_P95_MS = 300;

async function ensureDatabase(): Promise<void> {
  const url = new URL(URL_);
  const name = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(URL_), { pathname: '/postgres' }).toString() });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  await admin.end();
}

const pct = (values: number[], p: number) => percentile(values, p) ?? NaN;

await ensureDatabase();
const db = await openDatabase({ url: URL_ });
const t0 = performance.now();
const [{ n: existing }] = (await db.query<{ n: number }>('select count(*)::int as n from hearth.messages')) as [
  { n: number },
];
let generatedMs = 0;
if (existing < MESSAGES) {
  console.log(`generating ${MESSAGES.toLocaleString('en-US')} messages (${existing.toLocaleString('en-US')} there)…`);
  await db.exec(`
    insert into hearth.users (email, name)
      select 'bench-' || g || '@bench.hearth.local', 'Bench ' || g from generate_series(1, ${USERS}) g
      on conflict (email) do nothing;
    insert into hearth.conversations (user_id, companion_id, model, created_at)
      select u.id, c.id, 'offline/hearth-demo', now() - interval '${DAYS} days'
        from (select id, row_number() over () as r from hearth.users where email like 'bench-%') u
        cross join lateral generate_series(1, ${Math.ceil(CONVERSATIONS / USERS)}) k
        cross join lateral (select id from hearth.companions order by md5(u.r::text || k::text || id::text) limit 1) c;
  `);
  const models = [
    'google/gemini-2.5-flash',
    'groq/llama-3.3-70b-versatile',
    'groq/llama-3.1-8b-instant',
    'openai/gpt-4o-mini',
    'openrouter/meta-llama/llama-3.3-70b-instruct',
    'offline/hearth-demo',
  ];
  const batch = 250_000;
  for (let done = existing; done < MESSAGES; done += batch) {
    const n = Math.min(batch, MESSAGES - done);
    // Pairs of a user message and a reply; replies carry a model, usage, cost, TTFT and latency.
    await db.exec(`
      with c as (select id, user_id, row_number() over () - 1 as i from hearth.conversations),
           nc as (select count(*) as n from c),
           g as (select s, now() - (random() * ${DAYS}) * interval '1 day' as at, floor(random() * (select n from nc))::bigint as ci
                   from generate_series(1, ${n}) s)
      insert into hearth.messages (conversation_id, user_id, role, parts, status, model, input_tokens, output_tokens, ttft_ms, latency_ms, cost_usd, created_at)
      select c.id, c.user_id,
             case when g.s % 2 = 0 then 'user' else 'assistant' end,
             '[{"type":"text","text":"generated"}]'::jsonb,
             case when g.s % 2 = 1 and random() < 0.02 then 'error' else 'complete' end,
             case when g.s % 2 = 1 then (array['${models.join("','")}'])[1 + (g.s / 2) % ${models.length}] end,
             case when g.s % 2 = 1 then 200 + floor(random() * 3000)::int end,
             case when g.s % 2 = 1 then 20 + floor(random() * 600)::int end,
             case when g.s % 2 = 1 then floor(exp(5 + random() * 2.5))::int end,
             case when g.s % 2 = 1 then floor(exp(7 + random() * 2))::int end,
             case when g.s % 2 = 1 then random() * 0.002 end,
             g.at
        from g join c on c.i = g.ci;
    `);
    console.log(`  ${Math.min(done + n, MESSAGES).toLocaleString('en-US')} messages`);
  }
  await db.exec('analyze hearth.messages; analyze hearth.conversations;');
  generatedMs = performance.now() - t0;
}

const [{ email }] = (await db.query<{ email: string }>(
  "select email from hearth.users where email = 'bench-1@bench.hearth.local'",
)) as [{ email: string }];
await grantAdmin(db, email);
const [{ id: adminId }] = (await db.query<{ id: string }>('select id from hearth.users where email = $1', [email])) as [
  { id: string },
];
const admin = { id: adminId, role: 'admin' as const };
const [{ total }] = (await db.query<{ total: number }>('select count(*)::int as total from hearth.messages')) as [
  { total: number },
];

// The first refresh builds the rollups from every message (once per deployment, then incremental).
await db.query('update hearth.usage_rollup_state set refreshed_at = null');
const fullStart = performance.now();
await withUser(admin, (tx) => tx.query('select hearth.refresh_usage_rollups()'), db);
const fullRefreshMs = performance.now() - fullStart;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = new Date();
const ranges = [7, 30, 90].map((days) => ({
  days,
  from: iso(new Date(today.getTime() - (days - 1) * 86_400_000)),
  to: iso(today),
}));
const results: { range: string; p50: number; p95: number; max: number; refreshP95: number }[] = [];
for (const range of ranges) {
  const loads: number[] = [];
  const refreshes: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    // A little new traffic between loads, as on a live server, so each refresh has work to do.
    await db.query(`insert into hearth.messages (conversation_id, user_id, role, parts, model, input_tokens, output_tokens, ttft_ms, latency_ms, cost_usd)
      select id, user_id, 'assistant', '[]', 'groq/llama-3.1-8b-instant', 500, 100, 300, 2000, 0.0001 from hearth.conversations order by random() limit 20`);
    const r0 = performance.now();
    await withUser(admin, (tx) => tx.query('select hearth.refresh_usage_rollups()'), db);
    const refreshMs = performance.now() - r0;
    const start = performance.now();
    await loadAnalytics(admin, { from: range.from, to: range.to }, db);
    const loadMs = performance.now() - start;
    if (i >= 3) {
      loads.push(loadMs);
      refreshes.push(refreshMs);
    }
  }
  results.push({
    range: `${range.days} days`,
    p50: pct(loads, 50),
    p95: pct(loads, 95),
    max: Math.max(...loads),
    refreshP95: pct(refreshes, 95),
  });
}
await db.close();

const f = (ms: number) => ms.toFixed(1);
const lines = [
  `# Admin analytics benchmark (${new Date().toISOString()})`,
  '',
  `PostgreSQL at ${new URL(URL_).host}, ${total.toLocaleString('en-US')} messages over ${DAYS} days, ${USERS.toLocaleString('en-US')} users, ${CONVERSATIONS.toLocaleString('en-US')} conversations.`,
  generatedMs ? `Generating the data took ${(generatedMs / 1000).toFixed(1)} s.` : 'The data was already there.',
  `First full rollup build: ${(fullRefreshMs / 1000).toFixed(2)} s (once per deployment; later refreshes only redo the last day).`,
  '',
  `One dashboard load = incremental refresh + its 7 queries in one transaction, ${RUNS} loads per range, 20 new replies before each.`,
  '',
  '| range | load p50 ms | load p95 ms | load max ms | refresh alone p95 ms | target p95 ms | ok |',
  '|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.range} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.max)} | ${f(r.refreshP95)} | ${TARGET_P95_MS} | ${r.p95 < TARGET_P95_MS ? 'yes' : 'NO'} |`,
  ),
  '',
];
console.log(lines.join('\n'));
const out = path.resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'admin-analytics.md'), lines.join('\n'));
writeFileSync(
  path.join(out, 'admin-analytics.json'),
  JSON.stringify({ total, fullRefreshMs, generatedMs, results }, null, 2),
);
