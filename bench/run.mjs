// `npm run bench`: the time to first token (TTFT) the app adds over calling its model provider
// directly, at 1, 10 and 100 concurrent streams, with errors, throughput, and the server's CPU and
// memory. The provider is a loopback OpenAI-compatible server at a fixed pace. Figures, not a
// test: it exits non-zero only when it cannot run (no build, a server does not start, no sign-in).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSession } from './app-client.mjs';
import { rotation, runBlock } from './load.mjs';
import { startFakeProvider, timedDirectRequest } from './provider.mjs';
import { added, checkTargets, markdownReport, summarize } from './report.mjs';
import {
  SetupError,
  cpuMs,
  cpuMsByPid,
  findServingProcess,
  freePort,
  killGroup,
  machineBusyMs,
  postgresBackends,
  rssBytes,
  sampleRssPeak,
  startServer,
  stopServer,
  waitUntilAnswering,
} from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const PACE = { tokens: 64, firstTokenDelayMs: 50, chunkDelayMs: 10 };
const MODEL = 'openai/gpt-4o-mini';
const WARMUP = { concurrency: 10, requests: 200, conversations: 20, directRequests: 50 };
const LEVELS = [
  { concurrency: 1, blocks: 100, requestsPerBlock: 1 },
  { concurrency: 10, blocks: 4, requestsPerBlock: 50 },
  { concurrency: 100, blocks: 2, requestsPerBlock: 300 },
];
// The REST API's SSE route beside the web chat's, at one level: blocks of each and of direct calls in turn.
const ROUTES_LEVEL = { concurrency: 20, blocks: 3, requestsPerBlock: 100 };

// Each level gets enough conversations for about this many turns each, so the history a turn
// reads and sends is alike at every level.
const TURNS_PER_CONVERSATION = 6;
const AFTER_LOAD_MS = 10_000;
// Other processes using this much of the machine during a level make its figures suspect.
const DISTURBED_CORES = 0.25;

/** At least one conversation per stream, so that no conversation ever has two turns in flight. */
function conversationCount({ concurrency, blocks, requestsPerBlock }) {
  return Math.ceil((blocks * requestsPerBlock) / TURNS_PER_CONVERSATION / concurrency) * concurrency;
}

/** Lane i of `concurrency` takes conversations i, i + concurrency, ... in turn. */
function conversationLanes(conversationIds, concurrency) {
  return Array.from({ length: concurrency }, (_, lane) => rotation(conversationIds.filter((_, i) => i % concurrency === lane)));
}

const benchCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * CPU time so far, in ms: the server's, its PostgreSQL backends' (by pid), the fake provider's,
 * this process's and the whole machine's, with the wall clock.
 */
function readCpu({ serverPid, providerPid, database }) {
  return {
    server: cpuMs(serverPid),
    database: cpuMsByPid(database.backends()),
    provider: cpuMs(providerPid),
    bench: benchCpuMs(),
    machine: machineBusyMs(),
    wall: performance.now(),
  };
}

/** What each spent between two readings, in ms. A backend that appeared meanwhile counts in full. */
function cpuSpent(start, end) {
  let database = 0;
  for (const [pid, ms] of end.database) database += ms - (start.database.get(pid) ?? 0);
  const spent = (key) => end[key] - start[key];
  return { server: spent('server'), database, provider: spent('provider'), bench: spent('bench'), machine: spent('machine'), wall: spent('wall') };
}

/** Spent CPU as cores over the wall time, "others" being every process not named. */
function inCores(spent) {
  const cores = (ms) => Math.round((Math.max(0, ms) / spent.wall) * 100) / 100;
  const others = spent.machine - spent.server - spent.database - spent.provider - spent.bench;
  return { server: cores(spent.server), database: cores(spent.database), bench: cores(spent.bench), provider: cores(spent.provider), others: cores(others) };
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

/** The database the server uses: a label without credentials, and its processes outside the server. */
function databaseUnderTest() {
  if (!process.env.DATABASE_URL) return { label: 'PGlite in a fresh HEARTH_DATA_DIR', external: false, backends: () => [] };
  const url = new URL(process.env.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  return { label: `PostgreSQL at ${url.host}/${name} (DATABASE_URL)`, external: true, backends: () => postgresBackends(name) };
}

/** Warms the server's code paths, caches and database, then captures the request the app sends the provider. */
async function warmUp({ session, provider, notes }) {
  const lanes = conversationLanes(await session.prepareConversations(WARMUP.conversations), WARMUP.concurrency);
  const results = await runBlock({ concurrency: WARMUP.concurrency, requests: WARMUP.requests, send: (lane) => session.send(lanes[lane]()) });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) notes.push(`${failed.length} of ${WARMUP.requests} warm-up requests failed, first: ${failed[0].error}`);

  const { body, chatRequests } = await provider.lastChatRequest();
  const expectedModel = MODEL.slice(MODEL.indexOf('/') + 1);
  if (body?.model !== expectedModel || chatRequests < WARMUP.requests - failed.length) {
    throw new SetupError(
      `The app did not call the fake provider as expected: ${chatRequests} chat requests for ${WARMUP.requests} turns, ` +
        `last model ${body?.model ?? 'none'} instead of ${expectedModel}.`,
    );
  }
  const directBody = JSON.stringify(body);
  await runBlock({ concurrency: WARMUP.concurrency, requests: WARMUP.directRequests, send: () => timedDirectRequest(provider, directBody) });
  return directBody;
}

/**
 * Runs one concurrency level: blocks of app requests and of direct ones, alternating which goes
 * first. Returns the raw results, the wall time and the server's and database's CPU time of each
 * side's blocks, and the machine's CPU use over the level.
 */
async function runLevel(level, { session, provider, directBody, processes }) {
  const { concurrency, blocks, requestsPerBlock } = level;
  const lanes = conversationLanes(await session.prepareConversations(conversationCount(level)), concurrency);
  const sides = {
    app: { send: (lane) => session.send(lanes[lane]()), results: [], wallMs: 0, serverCpuMs: 0, databaseCpuMs: 0 },
    direct: { send: () => timedDirectRequest(provider, directBody), results: [], wallMs: 0, serverCpuMs: 0, databaseCpuMs: 0 },
  };
  const providerBefore = (await provider.lastChatRequest()).chatRequests;
  const levelStart = readCpu(processes);
  const stopRssSampling = sampleRssPeak(processes.serverPid);
  for (let block = 0; block < blocks; block++) {
    const order = block % 2 === 0 ? [sides.app, sides.direct] : [sides.direct, sides.app];
    for (const side of order) {
      const start = readCpu(processes);
      side.results.push(...(await runBlock({ concurrency, requests: requestsPerBlock, send: side.send })));
      const spent = cpuSpent(start, readCpu(processes));
      side.wallMs += spent.wall;
      side.serverCpuMs += spent.server;
      side.databaseCpuMs += spent.database;
    }
  }
  const serverRssPeak = stopRssSampling();
  const cpuCores = inCores(cpuSpent(levelStart, readCpu(processes)));
  const providerRequests = (await provider.lastChatRequest()).chatRequests - providerBefore;
  return { ...sides, cpuCores, serverRssPeak, providerRequests };
}

/**
 * The web chat route, the REST API's SSE route and direct calls at one concurrency, in rotating
 * order, so the two routes' added TTFT can be set side by side.
 */
async function compareRoutes({ session, provider, directBody, notes }) {
  const { concurrency, blocks, requestsPerBlock } = ROUTES_LEVEL;
  const lanes = conversationLanes(await session.prepareConversations(conversationCount(ROUTES_LEVEL) * 2), concurrency);
  const sides = [
    { name: 'web chat (POST /api/chat)', send: (lane) => session.send(lanes[lane]()), results: [] },
    { name: 'REST API SSE (POST /api/v1/conversations/{id}/messages)', send: (lane) => session.sendApi(lanes[lane]()), results: [] },
    { name: 'direct', send: () => timedDirectRequest(provider, directBody), results: [] },
  ];
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(block + i) % sides.length];
      side.results.push(...(await runBlock({ concurrency, requests: requestsPerBlock, send: side.send })));
    }
  }
  const direct = summarize(sides.at(-1).results);
  return {
    concurrency,
    routes: sides.slice(0, -1).map((side) => {
      const summary = summarize(side.results);
      const firstError = side.results.find((r) => !r.ok);
      if (firstError) notes.push(`routes at ${concurrency} streams: first ${side.name} error: ${firstError.error}`);
      return { name: side.name, summary, added: added(summary, direct) };
    }),
    direct,
  };
}

/** A level's figures, and notes on what went wrong in it. */
function levelFigures(level, run, { database, notes }) {
  const { concurrency } = level;
  const app = summarize(run.app.results);
  const direct = summarize(run.direct.results);
  const perRequest = (ms) => Math.round((ms / run.app.results.length) * 10) / 10;
  const streamsPerSecond = (side) => Math.round((side.results.filter((r) => r.ok).length / (side.wallMs / 1000)) * 10) / 10;
  for (const [name, side] of Object.entries({ app: run.app, direct: run.direct })) {
    const firstError = side.results.find((r) => !r.ok);
    if (firstError) notes.push(`${concurrency} stream(s): first ${name} error: ${firstError.error}`);
  }
  const sent = run.app.results.length + run.direct.results.length;
  if (run.providerRequests !== sent) {
    notes.push(`${concurrency} stream(s): the provider received ${run.providerRequests} chat requests for ${sent} app and direct requests.`);
  }
  if (run.cpuCores.others >= DISTURBED_CORES) {
    notes.push(`${concurrency} stream(s): other processes used ${run.cpuCores.others} cores meanwhile: these figures are disturbed.`);
  }
  return {
    concurrency,
    app,
    direct,
    added: added(app, direct),
    throughput: { app: streamsPerSecond(run.app), direct: streamsPerSecond(run.direct) },
    serverCpuMsPerRequest: perRequest(run.app.serverCpuMs),
    // PGlite runs inside the server, so its work is in the server's figure.
    databaseCpuMsPerRequest: database.external ? perRequest(run.app.databaseCpuMs) : null,
    serverRssPeak: run.serverRssPeak,
    cpuCores: run.cpuCores,
  };
}

async function bench({ server, provider, database, machine }) {
  const startedAt = new Date();
  const notes = [];
  await waitUntilAnswering(server).catch((error) => {
    throw new SetupError(error.message);
  });
  const serving = findServingProcess(server.child.pid);
  const idleAfterStart = rssBytes(serving.pid);
  log(`server up: pid ${serving.pid} (${serving.name}), ${server.url}; provider pid ${provider.pid}, ${provider.url}`);
  const processes = { serverPid: serving.pid, providerPid: provider.pid, database };

  const session = await openSession(server.url, MODEL);
  log(`warm-up: ${WARMUP.requests} app requests at ${WARMUP.concurrency} streams (companion "${session.companion.slug}", ${MODEL})`);
  const directBody = await warmUp({ session, provider, notes });

  const levels = [];
  const samples = {};
  for (const level of LEVELS) {
    log(`${level.concurrency} stream(s): ${level.blocks} × ${level.requestsPerBlock} app requests, as many direct, alternating`);
    const run = await runLevel(level, { session, provider, directBody, processes });
    levels.push(levelFigures(level, run, { database, notes }));
    samples[level.concurrency] = { app: run.app.results.map((r) => r.ttftMs), direct: run.direct.results.map((r) => r.ttftMs) };
  }
  log(`routes: the web chat, the REST API's SSE route and direct calls at ${ROUTES_LEVEL.concurrency} streams`);
  const routes = await compareRoutes({ session, provider, directBody, notes });
  log(`waiting ${AFTER_LOAD_MS / 1000} s for the memory after the load`);
  const loadEnd = readCpu(processes);
  await sleep(AFTER_LOAD_MS);
  const tenSecondsAfterLoad = rssBytes(serving.pid);
  const serverCoresAfterLoad = inCores(cpuSpent(loadEnd, readCpu(processes))).server;

  const serverErrors = server.log.filter((line) => /error/i.test(line));
  if (serverErrors.length > 0) notes.push(`the server logged ${serverErrors.length} error line(s), first: ${serverErrors[0]}`);

  return {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine,
    pace: PACE,
    settings: {
      model: MODEL,
      database: database.label,
      warmup: WARMUP,
      levels: LEVELS.map((level) => ({ ...level, conversations: conversationCount(level) })),
      turnsPerConversation: TURNS_PER_CONVERSATION,
      directBodyBytes: Buffer.byteLength(directBody),
      httpClient: "Node's global fetch (undici, default keep-alive agent)",
      companion: session.companion.slug,
    },
    levels,
    routes,
    targets: checkTargets(levels),
    memory: { pid: serving.pid, processName: serving.name, idleAfterStart, tenSecondsAfterLoad, serverCoresAfterLoad },
    notes,
    samples,
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
  const database = databaseUnderTest();
  let provider;
  try {
    provider = await startFakeProvider(PACE);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  // DATABASE_URL, when set, reaches the server with the rest of the environment and wins over HEARTH_DATA_DIR.
  const server = startServer({
    root: ROOT,
    port: await freePort(),
    env: {
      HEARTH_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      OPENAI_BASE_URL: provider.url,
      OPENAI_API_KEY: provider.apiKey,
      // The bench's own conversations are made through the REST API, hundreds a minute, by one
      // guest from one address: every rate limit is switched off for its server.
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
      RATE_LIMIT_MESSAGES_PER_HOUR: '0',
      RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
      RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
      // The loopback provider streams text for every request, so extraction by model could only
      // fail over to the rules after a wasted call; the rules do the same memory work directly.
      MEMORY_EXTRACTOR: 'rules',
    },
  });

  // Whatever happens, the servers and the data directory go: on return, on errors, on Ctrl-C.
  // The provider also stops by itself when this process dies, its IPC channel closing.
  const cleanUp = async () => {
    await Promise.all([stopServer(server), provider.stop()]);
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
      log(`${signal}: stopping the servers`);
      cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const result = await bench({ server, provider, database, machine });
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
