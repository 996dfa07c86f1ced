// `npm run bench:resume` (after `npm run build`; needs PostgreSQL and Redis): reconnecting to a
// reply being written, as a page does after a reload. Each trial sends a message, reads the reply
// until a few words have arrived, drops the request, then asks GET /api/chat/{id}/stream and times
// the reconnect (to the response, and to the replay of what was already written), reads it to
// the end and compares it with the reply the database saved. Three ways: one process keeping
// replies in memory; one process with Redis; and two processes sharing PostgreSQL and Redis, the
// reconnect reaching the process that is not writing the reply; there, Stop sent to the process
// that is not writing the reply too. Figures, not a test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createConversation, signInAsGuest } from './app-client.mjs';
import { freePort, startServer, stopServer, waitUntilAnswering } from './server.mjs';
import { timings } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TRIALS = Number(process.env.BENCH_TRIALS ?? 30);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hearth_bench_resume';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Words dropped before the reconnect, and how fast the offline model writes them.
const WORDS_BEFORE_DROP = 10;
const MODEL = { OFFLINE_MODEL_FIRST_TOKEN_MS: '50', OFFLINE_MODEL_WORD_MS: '25' };

async function freshDatabase(url) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${name}"`);
  await admin.query(`create database "${name}"`);
  await admin.end();
}

async function server(env) {
  const started = startServer({
    root: ROOT,
    port: await freePort(),
    env: { ...MODEL, NEXTAUTH_SECRET: SECRET, API_RATE_LIMIT_PER_MINUTE: '100000', ...env },
  });
  try {
    await waitUntilAnswering(started, 120_000);
  } catch (error) {
    console.error(started.log.slice(-30).join('\n'));
    await stopServer(started);
    throw error;
  }
  return started;
}

/** SSE events of a UI message stream, as they arrive. */
async function* events(body) {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of body) {
    buffered += decoder.decode(bytes, { stream: true });
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const event = buffered.slice(0, end).replace(/^data: /, '');
      buffered = buffered.slice(end + 2);
      if (event && event !== '[DONE]') yield JSON.parse(event);
    }
  }
}

async function trial(writer, reader, jar, conversationId) {
  const abort = new AbortController();
  const post = await fetch(`${writer.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify({ action: 'send', conversationId, text: 'Tell me what you like to talk about, at length.' }),
    signal: abort.signal,
  });
  let before = '';
  let words = 0;
  for await (const event of events(post.body)) {
    if (event.type !== 'text-delta') continue;
    before += event.delta;
    if (++words >= WORDS_BEFORE_DROP) break;
  }
  abort.abort();

  const startedAt = performance.now();
  const response = await fetch(`${reader.url}/api/chat/${conversationId}/stream`, {
    headers: { cookie: jar.header() },
  });
  const responseMs = performance.now() - startedAt;
  if (response.status !== 200) {
    // A 204 is right when the reply ended before the reconnect: the page then reads the database.
    const saved = await fetch(`${writer.url}/api/v1/conversations/${conversationId}/messages?limit=500`, {
      headers: { cookie: jar.header() },
    });
    return { status: response.status, savedStatus: (await saved.json()).data.at(-1).status };
  }
  let replayMs = null;
  let text = '';
  for await (const event of events(response.body)) {
    if (event.type !== 'text-delta') continue;
    text += event.delta;
    if (replayMs === null && text.length >= before.length) replayMs = performance.now() - startedAt;
  }
  const saved = await fetch(`${writer.url}/api/v1/conversations/${conversationId}/messages?limit=500`, {
    headers: { cookie: jar.header() },
  });
  const last = (await saved.json()).data.at(-1);
  const savedText = last.parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');
  return {
    status: 200,
    responseMs,
    replayMs,
    same: text === savedText && text.startsWith(before),
    savedStatus: last.status,
  };
}

/** Stop sent to `stopper` while `writer` writes the reply: whether the reply was saved as stopped. */
async function stopTrial(writer, stopper, jar, conversationId) {
  const post = await fetch(`${writer.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify({ action: 'send', conversationId, text: 'Tell me what you like to talk about, at length.' }),
  });
  const reading = (async () => {
    let words = 0;
    for await (const event of events(post.body)) if (event.type === 'text-delta' && ++words === 3) return;
  })();
  await reading;
  const stop = await fetch(`${stopper.url}/api/chat/stop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify({ conversationId }),
  });
  const { stopped } = await stop.json();
  for (let tries = 0; tries < 100; tries++) {
    const saved = await fetch(`${writer.url}/api/v1/conversations/${conversationId}/messages?limit=500`, {
      headers: { cookie: jar.header() },
    });
    const status = (await saved.json()).data.at(-1).status;
    if (status !== 'streaming') return { stopped, status };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { stopped, status: 'streaming' };
}

async function runStops(label, writer, stopper) {
  const jar = await signInAsGuest(writer.url);
  const results = [];
  for (let i = 0; i < 10; i++) {
    const conversation = await createConversation(writer.url, jar, 'ada');
    if (conversation.error) throw new Error(conversation.error);
    results.push(await stopTrial(writer, stopper, jar, conversation.id));
  }
  return `${label}: ${results.filter((r) => r.stopped && r.status === 'aborted').length}/${results.length} replies saved as stopped`;
}

async function run(label, writer, reader) {
  const jar = await signInAsGuest(writer.url);
  const companion = 'ada';
  const results = [];
  for (let i = 0; i < TRIALS; i++) {
    const conversation = await createConversation(writer.url, jar, companion);
    if (conversation.error) throw new Error(conversation.error);
    results.push(await trial(writer, reader, jar, conversation.id));
  }
  const resumed = results.filter((r) => r.status === 200);
  return {
    label,
    trials: results.length,
    resumed: resumed.length,
    endedFirst: results.filter((r) => r.status === 204 && r.savedStatus !== 'streaming').length,
    identical: resumed.filter((r) => r.same && r.savedStatus === 'complete').length,
    response: timings(resumed.map((r) => r.responseMs)),
    replay: timings(resumed.map((r) => r.replayMs).filter((ms) => ms !== null)),
  };
}

const SECRET = crypto.randomUUID();
const work = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-resume-'));
const rows = [];
const stops = [];
const started = [];
try {
  const memory = await server({ HEARTH_DATA_DIR: path.join(work, 'memory'), DATABASE_URL: '', REDIS_URL: '' });
  started.push(memory);
  rows.push(await run('one process, in memory (PGlite)', memory, memory));
  await stopServer(memory);

  await freshDatabase(DATABASE_URL);
  const shared = { DATABASE_URL, REDIS_URL };
  const first = await server({ ...shared, HEARTH_DATA_DIR: path.join(work, 'first') });
  started.push(first);
  rows.push(await run('one process, Redis (PostgreSQL)', first, first));
  const second = await server({ ...shared, HEARTH_DATA_DIR: path.join(work, 'second') });
  started.push(second);
  rows.push(await run('two processes, Redis (PostgreSQL): reconnect to the other one', first, second));
  stops.push(await runStops('Stop sent to the other process', first, second));
} finally {
  await Promise.all(started.map(stopServer));
  rmSync(work, { recursive: true, force: true });
}

const ms = (t) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} / ${t.max.toFixed(1)}`;
const table = [
  `Reconnecting to a reply being written (${TRIALS} trials each, the request dropped after ${WORDS_BEFORE_DROP} words; offline model, a word every ${MODEL.OFFLINE_MODEL_WORD_MS} ms). Times in ms, p50 / p95 / max.`,
  '',
  '| setup | resumed | 204, the reply had ended | identical to the saved reply | to the response | to the replay of what was written |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.resumed}/${r.trials} | ${r.endedFirst} | ${r.identical}/${r.resumed} | ${ms(r.response)} | ${ms(r.replay)} |`,
  ),
  '',
  ...stops,
].join('\n');
console.log(`\n${table}\n`);
mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'bench', 'results', 'resume.md'),
  `# Resumable replies\n\n${new Date().toISOString()}, ${os.cpus().length} cores.\n\n${table}\n`,
);
