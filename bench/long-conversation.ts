// `npm run bench:long-conversation`: what opening a 10,000-message conversation costs. Figures, not
// a test. Makes a fresh PostgreSQL database (BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/hearth_bench_long), writes one conversation of BENCH_MESSAGES
// messages, then measures:
// 1. in process, the chat page's read before (every message, listMessages) and now (the newest
//    page, listNewestMessagePage), with the size of the messages the page is handed as JSON;
// 2. through `next start` (run `npm run build` first), the chat page itself: HTML bytes and time
//    to the last byte, one at a time, then six loads at once with the server's RSS and
//    /api/health's latency meanwhile.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startConversation } from '../lib/conversations/service.ts';
import { toUIMessage } from '../lib/conversations/ui-messages.ts';
import { openDatabase } from '../lib/db/index.ts';
import { listMessages, listNewestMessagePage } from '../lib/conversations/messages.ts';
import { withUser } from '../lib/db/scope.ts';
import { createTestUser } from '../lib/testing/databases.ts';
import { sessionCookie } from '../lib/testing/session-cookie.ts';
import { timings } from './stats.ts';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hearth_bench_long';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3280);
const SECRET = 'bench-long-conversation-secret-0123456789';
const BASE = `http://127.0.0.1:${PORT}`;
// About what a long chat holds: a few sentences a message.
const TEXT = 'I keep thinking about what you said yesterday about the garden, and the light in the evening. '.repeat(5);

const admin = new pg.Client({ connectionString: Object.assign(new URL(URL_), { pathname: '/postgres' }).toString() });
const name = new URL(URL_).pathname.slice(1);
await admin.connect();
await admin.query(`drop database if exists "${name}" with (force)`);
await admin.query(`create database "${name}"`);
await admin.end();

const db = await openDatabase({ url: URL_ });
const user = await createTestUser(db, 'bench');
const conversation = await startConversation(user, { companion: 'ada' }, db);
await db.query(
  `insert into hearth.messages (conversation_id, user_id, role, parts, status)
   select $1, $2, case when i % 2 = 1 then 'user' else 'assistant' end,
          jsonb_build_array(jsonb_build_object('type', 'text', 'text', i || '. ' || $3::text)), 'complete'
     from generate_series(1, $4::int) i order by i`,
  [conversation.id, user.id, TEXT, MESSAGES],
);
await db.query('analyze hearth.messages');

const read = async (fn: () => Promise<unknown[]>) => {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const rows = await fn();
    ms.push(performance.now() - t);
    bytes = Buffer.byteLength(JSON.stringify(rows));
  }
  return { ...timings(ms.map((m) => Math.round(m * 10) / 10)), jsonKB: Math.round(bytes / 1024) };
};
const before = await read(async () =>
  (await withUser(user, (tx) => listMessages(tx, conversation.id), db)).map(toUIMessage),
);
const now = await read(async () =>
  (await withUser(user, (tx) => listNewestMessagePage(tx, conversation.id, { limit: 50 }), db)).items.map(toUIMessage),
);
console.log(
  `${MESSAGES.toLocaleString('en-US')} messages, the chat page's read in process (ms; JSON handed to the page):`,
);
console.log('  before, every message:', before);
console.log('  now, the newest 50:   ', now);

const cookie = await sessionCookie(db, user, SECRET);
await db.close();

const server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
  {
    env: {
      ...process.env,
      DATABASE_URL: URL_,
      REDIS_URL: '',
      NEXTAUTH_SECRET: SECRET,
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
    },
    stdio: 'ignore',
    detached: true,
  },
);
const rssMB = () => {
  try {
    // The server is next-server, a child of the process started above.
    const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return Math.max(
      ...[server.pid, ...children.map(Number)].map(
        (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
      ),
    ).toFixed(0);
  } catch {
    return '?';
  }
};
try {
  for (
    let i = 0;
    i < 240 &&
    !(await fetch(`${BASE}/signin`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 500));
  const load = async () => {
    const t = performance.now();
    const response = await fetch(`${BASE}/chat/${conversation.id}`, { headers: { cookie } });
    const html = await response.text();
    if (!response.ok || !html.includes('Ada')) throw new Error(`the chat page answered ${response.status}`);
    return { ms: performance.now() - t, bytes: Buffer.byteLength(html) };
  };
  await load(); // warm up
  const serial = [];
  for (let i = 0; i < RUNS; i++) serial.push(await load());
  console.log(
    `the chat page through next start, one at a time: HTML ${Math.round(serial[0]!.bytes / 1024)} KB,`,
    timings(serial.map((s) => Math.round(s.ms))),
    `RSS ${rssMB()} MB`,
  );
  const health: number[] = [];
  let loading = true;
  const probe = (async () => {
    while (loading) {
      const t = performance.now();
      await fetch(`${BASE}/api/health`).catch(() => null);
      health.push(Math.round(performance.now() - t));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let peak = 0;
  const watch = setInterval(() => (peak = Math.max(peak, Number(rssMB()) || 0)), 100);
  const parallel = await Promise.all(Array.from({ length: 6 }, load));
  loading = false;
  clearInterval(watch);
  await probe;
  console.log(
    'six loads at once:',
    timings(parallel.map((s) => Math.round(s.ms))),
    `peak RSS ${peak} MB, /api/health meanwhile`,
    timings(health),
  );
} finally {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
}
