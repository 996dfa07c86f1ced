// `npm run bench`: the whole suite in one run, against a production build. The time to first token
// (TTFT) the app adds over calling its model provider directly, at 1, 10, 20 and 100 concurrent
// streams, for the web chat route and the REST API's SSE route side by side, with errors,
// throughput and the server's CPU and memory (`ttft`); how many slow streams one server holds
// (`capacity`); the database reads at 1M messages (`db`, bench/database/run.ts); page weight and
// cold start (`web`, bench/web.mjs). BENCH_ONLY=ttft,capacity,db,web picks parts (all by default).
// The provider is a loopback OpenAI-compatible server at a fixed pace, in its own process; this
// process is the load generator, apart from the server. Figures, not a test: it exits non-zero
// only when it cannot run (no build, a server does not start, no sign-in).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSession } from './app-client.mjs';
import { rotation, runBlock } from './load.mjs';
import { startFakeProvider, timedDirectRequest } from './provider.mjs';
import { capacityRun } from './capacity.mjs';
import { timedFloorRequest, warmFloor } from './floor.mjs';
import { memoryAfterForcedGc, rssAfterMallocTrim } from './forced-gc.mjs';
import { benchCpuMs, cpuSpent, inCores, readCpu } from './cpu.mjs';
import { levelFigures } from './level-figures.mjs';
import { markdownReport } from './report.mjs';
import { checkTargets } from './targets.mjs';
import {
  SetupError,
  findServingProcess,
  benchServerEnv,
  freePort,
  machineInfo,
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
// Requests per side (web chat, REST API, direct) = blocks × requestsPerBlock.
const LEVELS = [
  { concurrency: 1, blocks: 30, requestsPerBlock: 2 },
  { concurrency: 10, blocks: 4, requestsPerBlock: 50 },
  { concurrency: 20, blocks: 3, requestsPerBlock: 100 },
  { concurrency: 100, blocks: 2, requestsPerBlock: 300 },
];
const PARTS = ['ttft', 'capacity', 'db', 'web'];

// Each level gets enough conversations for about this many turns each, so the history a turn
// reads and sends is alike at every level.
const TURNS_PER_CONVERSATION = 6;
const AFTER_LOAD_MS = 60_000;
/**
 * At least one conversation per stream, so that no conversation ever has two turns in flight; the
 * two routes' turns share them (their blocks never overlap).
 */
function conversationCount({ concurrency, blocks, requestsPerBlock }) {
  return Math.ceil((2 * blocks * requestsPerBlock) / TURNS_PER_CONVERSATION / concurrency) * concurrency;
}

/** BENCH_ONLY=ttft,capacity,db,web (any of them), or every part. */
function selectedParts() {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (!only?.length) return PARTS;
  const unknown = only.filter((part) => !PARTS.includes(part));
  if (unknown.length > 0)
    throw new SetupError(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}.`);
  return PARTS.filter((part) => only.includes(part));
}

/** Lane i of `concurrency` takes conversations i, i + concurrency, ... in turn. */
function conversationLanes(conversationIds, concurrency) {
  return Array.from({ length: concurrency }, (_, lane) =>
    rotation(conversationIds.filter((_, i) => i % concurrency === lane)),
  );
}

/** The database the server uses: a label without credentials, and its processes outside the server. */
function databaseUnderTest() {
  if (!process.env.DATABASE_URL)
    return { label: 'PGlite in a fresh HEARTH_DATA_DIR', external: false, backends: () => [] };
  const url = new URL(process.env.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  return {
    label: `PostgreSQL at ${url.host}/${name} (DATABASE_URL)`,
    external: true,
    backends: () => postgresBackends(name),
  };
}

/** Warms the server's code paths, caches and database, then captures the request the app sends the provider. */
async function warmUp({ session, provider, notes }) {
  const lanes = conversationLanes(await session.prepareConversations(WARMUP.conversations), WARMUP.concurrency);
  const results = await runBlock({
    concurrency: WARMUP.concurrency,
    requests: WARMUP.requests,
    send: (lane) => session.send(lanes[lane]()),
  });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0)
    notes.push(`${failed.length} of ${WARMUP.requests} warm-up requests failed, first: ${failed[0].error}`);

  const { body, chatRequests } = await provider.lastChatRequest();
  const expectedModel = MODEL.slice(MODEL.indexOf('/') + 1);
  if (body?.model !== expectedModel || chatRequests < WARMUP.requests - failed.length) {
    throw new SetupError(
      `The app did not call the fake provider as expected: ${chatRequests} chat requests for ${WARMUP.requests} turns, ` +
        `last model ${body?.model ?? 'none'} instead of ${expectedModel}.`,
    );
  }
  const directBody = JSON.stringify(body);
  await runBlock({
    concurrency: WARMUP.concurrency,
    requests: WARMUP.directRequests,
    send: () => timedDirectRequest(provider, directBody),
  });
  const floorBody = await warmFloor(session.baseUrl, directBody, {
    concurrency: WARMUP.concurrency,
    requests: WARMUP.directRequests,
  });
  return { directBody, floorBody };
}

/**
 * Runs one concurrency level: blocks of web chat, REST API, floor and direct requests, rotating which goes
 * first, so drifts in the machine's load reach all three. Returns the raw results, the wall time
 * and the server's and database's CPU time of each side's blocks, and the machine's CPU use.
 */
async function runLevel(level, { session, provider, bodies, processes }) {
  const { concurrency, blocks, requestsPerBlock } = level;
  const lanes = conversationLanes(await session.prepareConversations(conversationCount(level)), concurrency);
  const side = (send) => ({ send, results: [], wallMs: 0, serverCpuMs: 0, databaseCpuMs: 0 });
  const sides = {
    web: side((lane) => session.send(lanes[lane]())),
    api: side((lane) => session.sendApi(lanes[lane]())),
    direct: side(() => timedDirectRequest(provider, bodies.directBody)),
    floor: side(() => timedFloorRequest(session.baseUrl, bodies.floorBody)),
  };
  const order = Object.values(sides);
  const providerBefore = (await provider.lastChatRequest()).chatRequests;
  const levelStart = readCpu(processes);
  const stopRssSampling = sampleRssPeak(processes.serverPid);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < order.length; i++) {
      const current = order[(block + i) % order.length];
      const start = readCpu(processes);
      current.results.push(...(await runBlock({ concurrency, requests: requestsPerBlock, send: current.send })));
      const spent = cpuSpent(start, readCpu(processes));
      current.wallMs += spent.wall;
      current.serverCpuMs += spent.server;
      current.databaseCpuMs += spent.database;
    }
  }
  const serverRssPeak = stopRssSampling();
  const cpuCores = inCores(cpuSpent(levelStart, readCpu(processes)));
  const providerRequests = (await provider.lastChatRequest()).chatRequests - providerBefore;
  return { sides, cpuCores, serverRssPeak, providerRequests };
}

/** The parts that need the server: TTFT levels and the capacity run, then the memory a minute after. */
async function serverParts({ server, provider, database, parts, notes }) {
  await waitUntilAnswering(server).catch((error) => {
    throw new SetupError(error.message);
  });
  const serving = findServingProcess(server.child.pid);
  const idleAfterStart = rssBytes(serving.pid);
  const idleAfterGc = await memoryAfterForcedGc(serving.pid, notes);
  log(`server up: pid ${serving.pid} (${serving.name}), ${server.url}; provider pid ${provider.pid}, ${provider.url}`);
  const processes = { serverPid: serving.pid, providerPid: provider.pid, database };

  const session = await openSession(server.url, MODEL);
  log(
    `warm-up: ${WARMUP.requests} app requests at ${WARMUP.concurrency} streams (companion "${session.companion.slug}", ${MODEL})`,
  );
  const bodies = await warmUp({ session, provider, notes });
  // The first requests leave code compiled and allocator pages behind that any server which has
  // answered once carries: the idle a load is compared with, beside the idle after start.
  const warmAfterGc = idleAfterGc && (await memoryAfterForcedGc(serving.pid, notes));

  const levels = [];
  const samples = {};
  if (parts.includes('ttft')) {
    for (const level of LEVELS) {
      log(
        `${level.concurrency} stream(s): ${level.blocks} × ${level.requestsPerBlock} requests each of web chat, REST API, floor and direct, rotating`,
      );
      const run = await runLevel(level, { session, provider, bodies, processes });
      levels.push(levelFigures(level, run, { database, notes }));
      samples[level.concurrency] = Object.fromEntries(
        Object.entries(run.sides).map(([name, side]) => [name, side.results.map((r) => r.ttftMs)]),
      );
    }
  }
  let capacity = null;
  let rssPeak = Math.max(0, ...levels.map((level) => level.serverRssPeak));
  if (parts.includes('capacity')) {
    const start = readCpu(processes);
    capacity = await capacityRun({ session, provider, serverPid: serving.pid, fastPace: PACE, log, notes });
    capacity.cpuCores = inCores(cpuSpent(start, readCpu(processes)));
    rssPeak = Math.max(rssPeak, ...capacity.steps.map((step) => step.serverRssPeak));
  }

  log(`waiting ${AFTER_LOAD_MS / 1000} s for the memory after the load`);
  const loadEnd = readCpu(processes);
  const rightAfterLoad = rssBytes(serving.pid);
  await sleep(AFTER_LOAD_MS);
  const minuteAfterLoad = rssBytes(serving.pid);
  const minuteAfterGc = idleAfterGc && (await memoryAfterForcedGc(serving.pid, notes));
  // Last, since it changes what it measures.
  const mallocTrim = rssAfterMallocTrim(serving.pid, notes);
  const serverCoresAfterLoad = inCores(cpuSpent(loadEnd, readCpu(processes))).server;

  const serverErrors = server.log.filter((line) => /error/i.test(line));
  if (serverErrors.length > 0)
    notes.push(`the server logged ${serverErrors.length} error line(s), first: ${serverErrors[0]}`);

  return {
    settings: {
      model: MODEL,
      database: database.label,
      warmup: WARMUP,
      levels: LEVELS.map((level) => ({ ...level, conversations: conversationCount(level) })),
      turnsPerConversation: TURNS_PER_CONVERSATION,
      directBodyBytes: Buffer.byteLength(bodies.directBody),
      httpClient: "Node's global fetch (undici, default keep-alive agent)",
      companion: session.companion.slug,
    },
    levels,
    capacity,
    memory: {
      pid: serving.pid,
      processName: serving.name,
      idleAfterStart,
      peak: rssPeak,
      rightAfterLoad,
      minuteAfterLoad,
      idleAfterGc,
      warmAfterGc,
      minuteAfterGc,
      mallocTrim,
      serverCoresAfterLoad,
    },
    samples,
  };
}

/** Runs one of the other bench scripts in a child process and reads the JSON it writes. */
async function childBench(name, script, { typescript }) {
  const args = typescript
    ? [
        '--experimental-transform-types',
        '--disable-warning=ExperimentalWarning',
        '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
        '--import',
        './bench/ts-paths.mjs',
        script,
      ]
    : ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', script];
  const output = path.join(ROOT, 'bench', 'results', `${name}.json`);
  rmSync(output, { force: true });
  const started = performance.now();
  // Its table goes to stderr with the progress: the suite prints one table at the end.
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 2, 'inherit'] });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0 || !existsSync(output))
    return { error: `${script} exited with code ${code}`, seconds: Math.round((performance.now() - started) / 1000) };
  return { ...JSON.parse(readFileSync(output, 'utf8')), seconds: Math.round((performance.now() - started) / 1000) };
}

function log(message) {
  console.error(`[bench] ${message}`);
}

function writeResults(result, markdown) {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const base = path.join(dir, `bench-${stamp}`);
  writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(`${base}.md`, markdown);
  return base;
}

/** Starts the provider and the server, runs the server parts, and always stops both. */
async function withServer({ database, parts, notes }) {
  const provider = await startFakeProvider(PACE);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  // DATABASE_URL, when set, reaches the server with the rest of the environment and wins over HEARTH_DATA_DIR.
  const server = startServer({
    root: ROOT,
    port: await freePort(),
    env: benchServerEnv(provider, dataDir),
  });

  // Whatever happens, the servers and the data directory go: on return, on errors, on Ctrl-C.
  // The provider also stops by itself when this process dies, its IPC channel closing.
  const cleanUp = async () => {
    await Promise.all([stopServer(server), provider.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onExit = () => {
    if (server.child.exitCode === null && server.child.signalCode === null) killGroup(server.child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const onSignal = (signal) => {
    log(`${signal}: stopping the servers`);
    cleanUp().finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, onSignal);

  try {
    return await serverParts({ server, provider, database, parts, notes });
  } catch (error) {
    if (error instanceof SetupError)
      error.message += `\nServer output (last lines):\n${server.log.slice(-20).join('\n')}`;
    throw error;
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
    await cleanUp();
    process.off('exit', onExit);
  }
}

async function main() {
  const parts = selectedParts();
  const needsBuild = parts.some((part) => part !== 'db');
  if (needsBuild && !existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new SetupError(
      'No production build found (.next/BUILD_ID). Run `npm run build` first, then `npm run bench`.',
    );
  }
  const startedAt = new Date();
  const notes = [];
  const database = databaseUnderTest();
  const sharing = { loadBefore: os.loadavg()[0], busyBefore: machineBusyMs(), benchBefore: benchCpuMs() };
  const result = { startedAt: startedAt.toISOString(), parts, machine: machineInfo(ROOT), pace: PACE, notes };

  if (parts.includes('ttft') || parts.includes('capacity'))
    Object.assign(result, await withServer({ database, parts, notes }));
  if (parts.includes('db')) {
    log(
      'database: bench/database/run.ts (10,000 conversations, 1,000,000 messages; PGlite, and PostgreSQL when DATABASE_URL is set)',
    );
    result.database = await childBench('database', 'bench/database/run.ts', { typescript: true });
    if (result.database.error) notes.push(`database part: ${result.database.error}`);
  }
  if (parts.includes('web')) {
    log('web: bench/web.mjs (page weight, cold start)');
    result.web = await childBench('web', 'bench/web.mjs', { typescript: false });
    if (result.web.error) notes.push(`web part: ${result.web.error}`);
  }

  const wallMs = Date.now() - startedAt.getTime();
  result.durationSeconds = Math.round(wallMs / 1000);
  // How much of the 2 cores everything else (other people's work included) took over the run.
  result.sharing = {
    loadAverageBefore: sharing.loadBefore,
    loadAverageAfter: os.loadavg()[0],
    machineCoresBusy: Math.round(((machineBusyMs() - sharing.busyBefore) / wallMs) * 100) / 100,
    benchCores: Math.round(((benchCpuMs() - sharing.benchBefore) / wallMs) * 100) / 100,
  };
  result.targets = checkTargets(result);
  const markdown = markdownReport(result);
  console.log(markdown);
  log(`results written to ${path.relative(ROOT, writeResults(result, markdown))}.{json,md}`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof SetupError ? error.message : error);
  process.exitCode = 1;
}
