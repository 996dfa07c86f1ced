// Starting and stopping the production server, and reading its memory and CPU from /proc (Linux only).
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The bench cannot run (no build, a server that does not start, no sign-in): exit non-zero with the message. */
export class SetupError extends Error {}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs `npm start` (as the README does, with the allocator settings of package.json's start
 * script) in its own process group, so stopping it also stops anything it spawned. Its output is
 * kept (not shown) so a failure can print the end of it.
 */
export function startServer({ root, port, env }) {
  const child = spawn('npm', ['start', '--silent', '--', '-p', String(port)], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const keep = (chunk) => log.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, log, exited, url: `http://127.0.0.1:${port}` };
}

export async function waitUntilAnswering(server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let stillRunning = true;
  server.exited.then(() => (stillRunning = false));
  while (Date.now() < deadline && stillRunning) {
    try {
      const response = await fetch(`${server.url}/`, { redirect: 'manual' });
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(100);
    }
  }
  const why = stillRunning ? `did not answer GET / within ${timeoutMs / 1000} s` : 'exited before answering';
  throw new Error(`The server ${why}.`);
}

/** Stops the whole process group: SIGTERM, then SIGKILL if it is still there after 5 s. */
export async function stopServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  killGroup(server.child.pid, 'SIGTERM');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!stopped) {
    killGroup(server.child.pid, 'SIGKILL');
    await server.exited;
  }
}

export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function descendants(pid) {
  let children = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) children.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** VmRSS in bytes, or null when the process is gone. */
export function rssBytes(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

// Servers rename themselves through their command line (next-server, PostgreSQL backends);
// /proc/<pid>/comm cuts names at 15 characters.
function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '?';
  }
}

/**
 * `next start` may hand the work to a child process; the process that serves is the one holding
 * the most memory among the started pid and its descendants.
 */
export function findServingProcess(rootPid) {
  const candidates = [rootPid, ...descendants(rootPid)];
  const withRss = candidates.map((pid) => ({ pid, rss: rssBytes(pid) ?? -1 }));
  withRss.sort((a, b) => b.rss - a.rss);
  return { pid: withRss[0].pid, name: commandLine(withRss[0].pid), processes: candidates.length };
}

/** A PostgreSQL backend's title: "postgres: [cluster: ]user database client state". */
const BACKEND_TITLE = /^postgres: (?:\S+: )?\S+ (\S+) /;

/** The PostgreSQL backends connected to `database`. */
export function postgresBackends(database) {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => BACKEND_TITLE.exec(commandLine(pid))?.[1] === database);
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User plus system CPU time of the process so far, in ms. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** cpuMs of each of the processes that are still there. */
export function cpuMsByPid(pids) {
  const byPid = new Map();
  for (const pid of pids) {
    try {
      byPid.set(pid, cpuMs(pid));
    } catch {
      // gone since it was listed
    }
  }
  return byPid;
}

/** CPU time the whole machine has spent busy (all cores, idle and iowait excluded), in ms. */
export function machineBusyMs() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Samples VmRSS every intervalMs until stopped; stop() returns the highest value seen, in bytes. */
export function sampleRssPeak(pid, intervalMs = 100) {
  let peak = rssBytes(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid) ?? 0);
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssBytes(pid) ?? 0);
  };
}

/** The machine and the Next.js of `root`, for the report. */
export function machineInfo(root) {
  const next = JSON.parse(readFileSync(path.join(root, 'node_modules', 'next', 'package.json'), 'utf8')).version;
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
    totalMemory: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    next,
  };
}

/**
 * The environment of a bench's server: production, the loopback provider, a scratch data directory
 * (DATABASE_URL, when set, reaches the server with the rest of the environment and wins over it).
 */
export function benchServerEnv(provider, dataDir) {
  return {
    HEARTH_DATA_DIR: dataDir,
    // With DATABASE_URL the start refuses to run without a shared session secret (lib/config).
    NEXTAUTH_SECRET: 'hearth-bench-session-secret-6f0e2a91',
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
    // The spending caps stay on (their check is part of the time measured) but out of reach:
    // one guest runs up to 100 streams at once and millions of tokens.
    BUDGET_TOKENS_PER_DAY_GUEST: '2000000000',
    MAX_CONCURRENT_REPLIES_GUEST: '100000',
    // The loopback provider streams text for every request, so extraction by model could only
    // fail over to the rules after a wasted call; the rules do the same memory work directly.
    MEMORY_EXTRACTOR: 'rules',
    // The floor route (bench/floor.mjs) answers only with this set.
    HEARTH_BENCH_FLOOR: '1',
  };
}
