// `node bench/profile.mjs` (after `npm run build`): a CPU profile of the server under chat load,
// to see where TTFT and CPU per request go. Runs `next start` with --cpu-prof against the bench's
// loopback provider, sends web chat turns at 10 streams, stops the server (which writes the
// profile) and prints the functions with the most self time. PROFILE_REQUESTS sets how many turns,
// PROFILE_TOKENS and PROFILE_TOKEN_MS the replies' length and pace (long replies show the relay's
// cost per token, short ones the cost of a turn).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession } from './app-client.mjs';
import { rotation, runBlock } from './load.mjs';
import { startFakeProvider } from './provider.mjs';
import { benchServerEnv, freePort, startServer, stopServer, waitUntilAnswering } from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const REQUESTS = Number(process.env.PROFILE_REQUESTS ?? 400);
const CONCURRENCY = 10;
const TOP = 40;
const PACE = {
  tokens: Number(process.env.PROFILE_TOKENS ?? 64),
  firstTokenDelayMs: 50,
  chunkDelayMs: Number(process.env.PROFILE_TOKEN_MS ?? 10),
};

const profileDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-profile-'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-profile-data-'));
const provider = await startFakeProvider(PACE);
const server = startServer({
  root: ROOT,
  port: await freePort(),
  env: { ...benchServerEnv(provider, dataDir), NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` },
});
try {
  await waitUntilAnswering(server);
  const session = await openSession(server.url, 'openai/gpt-4o-mini');
  const next = rotation(await session.prepareConversations(CONCURRENCY * 8));
  const results = await runBlock({ concurrency: CONCURRENCY, requests: REQUESTS, send: () => session.send(next()) });
  console.error(`${results.filter((r) => r.ok).length} of ${REQUESTS} turns ok`);
} finally {
  await stopServer(server);
  await provider.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

// The serving process's profile is the biggest one.
const files = readdirSync(profileDir).map((name) => path.join(profileDir, name));
if (files.length === 0) throw new Error('No profile was written (the server did not exit cleanly).');
const biggest = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
const profile = JSON.parse(readFileSync(biggest, 'utf8'));
const selfUs = new Map();
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const interval = (profile.endTime - profile.startTime) / profile.samples.length;
for (const id of profile.samples) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\.next\//, '.next/')}:${lineNumber + 1}`;
  selfUs.set(key, (selfUs.get(key) ?? 0) + interval);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
console.log(`Profile: ${biggest} (${(total / 1000).toFixed(0)} ms sampled)`);
for (const [key, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

// The same self time by package (or app file, or V8's own categories such as the garbage collector).
const byPackage = new Map();
for (const [key, us] of selfUs) {
  const where = key.slice(key.indexOf(' ') + 1);
  const match = /^(@[^/]+\/[^/]+|[^/:]+)/.exec(where);
  const bucket = where.startsWith('.next/')
    ? where.replace(/:\d+$/, '')
    : where.startsWith('node:')
      ? 'node:internals'
      : (match?.[1] ?? key);
  byPackage.set(bucket || key, (byPackage.get(bucket || key) ?? 0) + us);
}
console.log('\nBy package or file:');
for (const [bucket, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${bucket}`);
}
