// `npm run bench:db`: the reads behind the sidebar and an open chat, on a generated dataset of
// 10,000 conversations and 1,000,000 messages: the conversation list (first page, and a page deep
// into a heavy user's 5,000 conversations) and a page of messages (the first, and one deep into a
// long conversation), each through the app's own queries in the user's RLS scope. PGlite always;
// PostgreSQL too when DATABASE_URL is set (into that database: use a scratch one). Figures, not a test.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '@/lib/db';
import { listConversations } from '@/lib/conversations/queries';
import { listMessagePage } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser } from '@/lib/testing/databases';
import { timings } from '../stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONVERSATIONS = 10_000;
const MESSAGES_PER_CONVERSATION = 100;
const USERS = 100;
const HEAVY_USER_CONVERSATIONS = 5_000;
const LONG_CONVERSATION_MESSAGES = 20_000;
const RUNS = 300;

type Timing = { p50: number; p95: number; max: number };

/** Users, then conversations (half of them the heavy user's) and their messages, made by the database. */
async function generate(db: Database) {
  const users = [];
  for (let i = 0; i < USERS; i++) users.push(await createTestUser(db, `bench-db-${i}`));
  const heavy = users[0]!;
  const started = performance.now();
  await db.query(
    `insert into hearth.conversations (user_id, companion_id, title, model, language, created_at, updated_at)
     select case when g <= $2 then $1::uuid else ($3::uuid[])[1 + g % array_length($3::uuid[], 1)] end,
            (array(select id from hearth.companions order by slug))[1 + g % 8],
            'Conversation ' || g, 'offline/hearth-demo', 'en-US',
            now() - g * interval '1 minute', now() - g * interval '1 minute'
       from generate_series(1, $4::int) g`,
    [heavy.id, HEAVY_USER_CONVERSATIONS, users.slice(1).map((u) => u.id), CONVERSATIONS],
  );
  await db.query(
    `insert into hearth.messages (conversation_id, user_id, role, parts, status, created_at)
     select c.id, c.user_id, case when i % 2 = 1 then 'user' else 'assistant' end,
            jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Message ' || i || ' of a long and winding conversation about small everyday things.')),
            'complete', c.created_at + i * interval '1 second'
       from hearth.conversations c cross join generate_series(1, $1::int) i
      where c.title like 'Conversation %'`,
    [MESSAGES_PER_CONVERSATION],
  );
  // One very long conversation of the heavy user's, to page deep into.
  const [long] = await db.query<{ id: string }>(
    `select id from hearth.conversations where user_id = $1 order by updated_at desc limit 1`,
    [heavy.id],
  );
  await db.query(
    `insert into hearth.messages (conversation_id, user_id, role, parts, status)
     select $1, $2, case when i % 2 = 1 then 'user' else 'assistant' end,
            jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'A long conversation, message ' || i || '.')), 'complete'
       from generate_series(1, $3::int) i`,
    [long!.id, heavy.id, LONG_CONVERSATION_MESSAGES],
  );
  await db.query('analyze');
  const [{ n } = { n: '0' }] = await db.query<{ n: string }>('select count(*)::text as n from hearth.messages');
  return {
    heavy,
    longConversationId: long!.id,
    messages: Number(n),
    generateSeconds: (performance.now() - started) / 1000,
  };
}

async function time(run: () => Promise<unknown>): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 20; i++) {
    const start = performance.now();
    await run();
    if (i >= 20) times.push(performance.now() - start);
  }
  return timings(times);
}

async function bench(db: Database) {
  const data = await generate(db);
  const { heavy, longConversationId } = data;
  const deepCursor = (await withUser(heavy, (tx) => listConversations(tx, { limit: 2_500 }), db)).nextCursor!;
  const deepMessages = (await withUser(heavy, (tx) => listMessagePage(tx, longConversationId, { limit: 10_000 }), db))
    .nextCursor!;
  return {
    messages: data.messages,
    generateSeconds: data.generateSeconds,
    conversationsFirstPage: await time(() => withUser(heavy, (tx) => listConversations(tx, { limit: 30 }), db)),
    conversationsDeepPage: await time(() =>
      withUser(heavy, (tx) => listConversations(tx, { limit: 30, cursor: deepCursor }), db),
    ),
    messagesFirstPage: await time(() =>
      withUser(heavy, (tx) => listMessagePage(tx, longConversationId, { limit: 100 }), db),
    ),
    messagesDeepPage: await time(() =>
      withUser(heavy, (tx) => listMessagePage(tx, longConversationId, { limit: 100, cursor: deepMessages }), db),
    ),
  };
}

const results: Record<string, Awaited<ReturnType<typeof bench>>> = {};
const pglite = await openDatabase({ memory: true });
try {
  results.pglite = await bench(pglite);
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  const postgres = await openDatabase({ url: process.env.DATABASE_URL });
  try {
    results.postgres = await bench(postgres);
  } finally {
    await postgres.close();
  }
}

const f = (t: Timing) => `${t.p50.toFixed(2)} / ${t.p95.toFixed(2)} / ${t.max.toFixed(1)}`;
const table = [
  `# Database reads at 10,000 conversations and 1,000,000 messages (${new Date().toISOString()})`,
  '',
  '| Read (p50 / p95 / max ms) | ' + Object.keys(results).join(' | ') + ' |',
  '| --- |' +
    Object.keys(results)
      .map(() => ' --- |')
      .join(''),
  ...(['conversationsFirstPage', 'conversationsDeepPage', 'messagesFirstPage', 'messagesDeepPage'] as const).map(
    (key) =>
      `| ${key.replace(/([A-Z])/g, ' $1').toLowerCase()} | ${Object.values(results)
        .map((r) => f(r[key]))
        .join(' | ')} |`,
  ),
  `| messages in the database | ${Object.values(results)
    .map((r) => r.messages.toLocaleString('en-US'))
    .join(' | ')} |`,
  `| generating them, s | ${Object.values(results)
    .map((r) => r.generateSeconds.toFixed(0))
    .join(' | ')} |`,
].join('\n');
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/database.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(ROOT, 'bench/results/database.md'), `${table}\n`);
console.log(table);
