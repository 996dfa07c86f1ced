// `npm run bench`: the time to first token (TTFT) the app adds over calling the offline model
// directly, at 1 and 20 concurrent chats, plus the server's memory and CPU. Figures, not a test:
// it exits non-zero only when it cannot run (no build, the server does not start, no sign-in).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { added, markdownReport, summarize } from './report.mjs';
import {
  cpuMs,
  findServingProcess,
  freePort,
  killGroup,
  machineBusyMs,
  rssBytes,
  sampleRssPeak,
  startServer,
  stopServer,
  waitUntilAnswering,
} from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIRST_TOKEN_DELAY_MS = 50;
const WORD_DELAY_MS = 10;
const WARMUP_REQUESTS = 30;
const SEQUENTIAL_REQUESTS = 100;
// Spread over a few conversations so each ends with about as much history as in the concurrent run.
const SEQUENTIAL_CONVERSATIONS = 10;
const CONCURRENCY = 20;
const ROUNDS = 10;
const AFTER_LOAD_MS = 10_000;
const TEXT_DELTA = '"type":"text-delta"';

class SetupError extends Error {}

/** Just enough of a cookie jar for next-auth: name=value pairs, no paths or expiry. */
function cookieJar() {
  const cookies = new Map();
  return {
    keep(response) {
      for (const cookie of response.headers.getSetCookie()) {
        const pair = cookie.split(';')[0];
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    },
    has: (name) => cookies.has(name),
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  };
}

async function signInAsGuest(baseUrl) {
  const jar = cookieJar();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${baseUrl}/api/auth/callback/guest`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
  jar.keep(response);
  const body = await response.text();
  if (!jar.has('next-auth.session-token')) {
    throw new SetupError(`Guest sign-in gave no session cookie (HTTP ${response.status}): ${body}`);
  }
  return jar;
}

/** Companion slugs, from the avatar files that are named after them. */
function companionSlugs() {
  return readdirSync(path.join(ROOT, 'public', 'avatars'))
    .filter((file) => file.endsWith('.svg') && file !== 'you.svg')
    .map((file) => file.slice(0, -'.svg'.length))
    .sort();
}

async function createConversation(baseUrl, jar, companion) {
  const response = await fetch(`${baseUrl}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify({ companion }),
  });
  const body = await response.text();
  if (response.status !== 201) return { error: `HTTP ${response.status}: ${body}` };
  return JSON.parse(body);
}

/** The first companion slug the server accepts, with one conversation already made for it. */
async function pickCompanion(baseUrl, jar) {
  const failures = [];
  for (const slug of companionSlugs()) {
    const conversation = await createConversation(baseUrl, jar, slug);
    if (!conversation.error) return { slug, name: conversation.companion?.name ?? slug, conversation };
    failures.push(`${slug}: ${conversation.error}`);
  }
  throw new SetupError(`No companion could start a conversation:\n${failures.join('\n')}`);
}

async function createConversations(baseUrl, jar, slug, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const conversation = await createConversation(baseUrl, jar, slug);
    if (conversation.error) throw new SetupError(`Could not create a conversation: ${conversation.error}`);
    ids.push(conversation.id);
  }
  return ids;
}

let messageCount = 0;
function nextMessage() {
  messageCount += 1;
  return `Tell me about something small that made you smile today, message ${messageCount}.`;
}

/** One chat turn over HTTP. TTFT is when the first network chunk holding a text-delta arrives. */
async function timedAppRequest(baseUrl, jar, conversationId) {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jar.header() },
      body: JSON.stringify({ action: 'send', conversationId, text: nextMessage() }),
    });
    // The chat route answers once the turn is authorized and saved, as the model starts: this splits
    // TTFT into the app's work before the model and after.
    const headersMs = performance.now() - started;
    const decoder = new TextDecoder();
    let body = '';
    let ttftMs = null;
    for await (const chunk of response.body) {
      const searchFrom = Math.max(0, body.length - TEXT_DELTA.length);
      body += decoder.decode(chunk, { stream: true });
      if (ttftMs === null && body.includes(TEXT_DELTA, searchFrom)) ttftMs = performance.now() - started;
    }
    const totalMs = performance.now() - started;
    const streamError = body.includes('"type":"error"');
    const ok = response.status === 200 && ttftMs !== null && !streamError && body.includes('data: [DONE]');
    const error = ok ? undefined : `HTTP ${response.status}: ${body.slice(0, 300)}`;
    return { ok, status: response.status, headersMs, ttftMs, totalMs, error };
  } catch (caught) {
    return { ok: false, status: null, ttftMs: null, totalMs: performance.now() - started, error: String(caught) };
  }
}

/** The same turn straight from the model, as the app's pipeline creates it: a new model per turn. */
async function timedDirectRequest(createOfflineModel, persona) {
  const started = performance.now();
  const model = createOfflineModel({
    persona,
    language: 'en-US',
    firstTokenDelayMs: FIRST_TOKEN_DELAY_MS,
    wordDelayMs: WORD_DELAY_MS,
  });
  const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: nextMessage() }] }] });
  let ttftMs = null;
  for await (const part of stream) {
    if (part.type === 'text-delta') ttftMs ??= performance.now() - started;
  }
  return { ok: ttftMs !== null, ttftMs, totalMs: performance.now() - started };
}

/**
 * Rounds of `concurrency` requests at once, each round waiting for the last. Request k goes to
 * conversation k mod n, so no conversation ever has two requests in flight.
 */
async function runRounds({ rounds, concurrency, conversations = [null], send }) {
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const batch = Array.from({ length: concurrency }, (_, lane) =>
      send(conversations[(round * concurrency + lane) % conversations.length]),
    );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

/**
 * Measures the CPU the server uses during a phase, and what every other process (not the server,
 * not this one) uses meanwhile: other work on the machine skews the figures.
 */
function startCpuMeter(serverPid) {
  const benchCpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const start = { server: cpuMs(serverPid), machine: machineBusyMs(), bench: benchCpuMs(), wall: performance.now() };
  return () => {
    const server = cpuMs(serverPid) - start.server;
    const others = machineBusyMs() - start.machine - server - (benchCpuMs() - start.bench);
    return { serverMs: server, otherProcessesCores: Math.max(0, others) / (performance.now() - start.wall) };
  };
}

function machineInfo() {
  const next = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'next', 'package.json'), 'utf8')).version;
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
    totalMemory: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    next,
  };
}

async function bench(server, machine) {
  const startedAt = new Date();
  const notes = [];
  await waitUntilAnswering(server).catch((error) => {
    throw new SetupError(error.message);
  });
  const serving = findServingProcess(server.child.pid);
  const idleAfterStart = rssBytes(serving.pid);
  log(`server up: pid ${serving.pid} (${serving.name}), ${server.url}`);

  const jar = await signInAsGuest(server.url);
  const companion = await pickCompanion(server.url, jar);
  const warmupConversations = [companion.conversation.id, ...(await createConversations(server.url, jar, companion.slug, 2))];
  const sequentialConversations = await createConversations(server.url, jar, companion.slug, SEQUENTIAL_CONVERSATIONS);
  const concurrentConversations = await createConversations(server.url, jar, companion.slug, CONCURRENCY);
  const sendApp = (conversationId) => timedAppRequest(server.url, jar, conversationId);

  log(`warm-up: ${WARMUP_REQUESTS} sequential requests (companion "${companion.slug}")`);
  const warmup = await runRounds({ rounds: WARMUP_REQUESTS, concurrency: 1, conversations: warmupConversations, send: sendApp });
  const warmupErrors = warmup.filter((r) => !r.ok).length;
  if (warmupErrors > 0) notes.push(`${warmupErrors} of ${WARMUP_REQUESTS} warm-up requests failed: ${warmup.find((r) => !r.ok).error}`);

  log(`app, concurrency 1: ${SEQUENTIAL_REQUESTS} requests`);
  let stopCpuMeter = startCpuMeter(serving.pid);
  const app1 = await runRounds({ rounds: SEQUENTIAL_REQUESTS, concurrency: 1, conversations: sequentialConversations, send: sendApp });
  const cpu1 = stopCpuMeter();

  log(`app, concurrency ${CONCURRENCY}: ${ROUNDS} rounds`);
  stopCpuMeter = startCpuMeter(serving.pid);
  const stopSampling = sampleRssPeak(serving.pid);
  const app20 = await runRounds({ rounds: ROUNDS, concurrency: CONCURRENCY, conversations: concurrentConversations, send: sendApp });
  const peakAtConcurrency20 = stopSampling();
  const cpu20 = stopCpuMeter();
  // The server idles while the direct baseline runs in this process, so the wait overlaps with it.
  const afterLoad = sleep(AFTER_LOAD_MS).then(() => rssBytes(serving.pid));

  log('direct model: warm-up, then the same two runs');
  const { createOfflineModel } = await import('../lib/ai/offline-model.ts');
  const persona = { name: companion.name, greeting: `Hi, I'm ${companion.name}.`, specialties: ['everyday life'], languages: ['en-US'] };
  const sendDirect = () => timedDirectRequest(createOfflineModel, persona);
  await runRounds({ rounds: 1, concurrency: CONCURRENCY, send: sendDirect });
  const direct1 = await runRounds({ rounds: SEQUENTIAL_REQUESTS, concurrency: 1, send: sendDirect });
  const direct20 = await runRounds({ rounds: ROUNDS, concurrency: CONCURRENCY, send: sendDirect });
  const tenSecondsAfterLoad = await afterLoad;

  const phase = (concurrency, appResults, directResults, cpu) => {
    const app = summarize(appResults);
    const direct = summarize(directResults);
    const firstError = appResults.find((r) => !r.ok);
    if (firstError) notes.push(`concurrency ${concurrency}: first app error: ${firstError.error}`);
    return {
      concurrency,
      app,
      direct,
      added: added(app, direct),
      serverCpuMsPerRequest: Math.round((cpu.serverMs / appResults.length) * 10) / 10,
      otherProcessesCores: Math.round(cpu.otherProcessesCores * 100) / 100,
    };
  };
  const serverErrors = server.log.filter((line) => /error/i.test(line));
  if (serverErrors.length > 0) notes.push(`the server logged ${serverErrors.length} error line(s), first: ${serverErrors[0]}`);

  return {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine,
    settings: {
      firstTokenDelayMs: FIRST_TOKEN_DELAY_MS,
      wordDelayMs: WORD_DELAY_MS,
      warmupRequests: WARMUP_REQUESTS,
      sequentialRequests: SEQUENTIAL_REQUESTS,
      sequentialConversations: SEQUENTIAL_CONVERSATIONS,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      httpClient: "Node's global fetch (undici, default keep-alive agent)",
      companion: companion.slug,
    },
    phases: [phase(1, app1, direct1, cpu1), phase(CONCURRENCY, app20, direct20, cpu20)],
    memory: { pid: serving.pid, processName: serving.name, idleAfterStart, peakAtConcurrency20, tenSecondsAfterLoad },
    notes,
    samples: {
      app1: app1.map((r) => r.ttftMs),
      app20: app20.map((r) => r.ttftMs),
      direct1: direct1.map((r) => r.ttftMs),
      direct20: direct20.map((r) => r.ttftMs),
    },
  };
}

function log(message) {
  console.error(`[bench] ${message}`);
}

function writeResults(result, markdown) {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const base = path.join(dir, `ttft-${stamp}`);
  writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(`${base}.md`, markdown);
  return base;
}

async function main() {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.error('No production build found (.next/BUILD_ID). Run `npm run build` first, then `npm run bench`.');
    process.exit(1);
  }
  const machine = machineInfo();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  const server = startServer({
    root: ROOT,
    port: await freePort(),
    env: {
      HEARTH_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      OFFLINE_MODEL_FIRST_TOKEN_MS: String(FIRST_TOKEN_DELAY_MS),
      OFFLINE_MODEL_WORD_MS: String(WORD_DELAY_MS),
    },
  });

  // Whatever happens, the server and its data directory go: on return, on errors, on Ctrl-C.
  const cleanUp = async () => {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', () => {
    if (server.child.exitCode === null && server.child.signalCode === null) killGroup(server.child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: stopping the server`);
      cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const result = await bench(server, machine);
    const markdown = markdownReport(result);
    console.log(markdown);
    log(`results written to ${path.relative(ROOT, writeResults(result, markdown))}.{json,md}`);
  } catch (error) {
    if (interrupted) return;
    console.error(error instanceof SetupError ? error.message : error);
    if (error instanceof SetupError) console.error(`Server output (last lines):\n${server.log.slice(-20).join('\n')}`);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

await main();
