// `node bench/heap-diff.mjs` (after `npm run build`): what the server's heap keeps after a chat
// load. Heap snapshots after a forced collection, idle (after a warm-up) and a while after the
// load, compared by constructor: the objects that remain are what a load leaves retained. Uses
// PostgreSQL when DATABASE_URL is set, else PGlite in a scratch directory.
// HEAP_TURNS (2000) turns at HEAP_STREAMS (100) streams; HEAP_WAIT_MS (60000) after the load.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSession } from './app-client.mjs';
import { openInspector } from './forced-gc.mjs';
import { rotation, runBlock } from './load.mjs';
import { startFakeProvider } from './provider.mjs';
import {
  benchServerEnv,
  findServingProcess,
  freePort,
  startServer,
  stopServer,
  waitUntilAnswering,
} from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const TURNS = Number(process.env.HEAP_TURNS ?? 2000);
const STREAMS = Number(process.env.HEAP_STREAMS ?? 100);
const WAIT_MS = Number(process.env.HEAP_WAIT_MS ?? 60_000);
const TOP = 25;

/** Count and bytes per `type:name` of a heap snapshot, from its flat node array. */
function summarize(snapshot) {
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const typeNames = types[0];
  const byKind = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = typeNames[snapshot.nodes[i + typeAt]];
    const name =
      type === 'string' || type === 'concatenated string' ? '' : snapshot.strings[snapshot.nodes[i + nameAt]];
    const key = `${type}:${name.slice(0, 60)}`;
    const entry = byKind.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + sizeAt];
    byKind.set(key, entry);
  }
  return byKind;
}

async function heapAfterGc(pid) {
  const inspector = await openInspector(pid);
  if (!inspector) throw new Error('The server’s inspector (127.0.0.1:9229) did not answer.');
  try {
    await inspector.call('HeapProfiler.collectGarbage');
    await inspector.call('HeapProfiler.collectGarbage');
    const chunks = [];
    inspector.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await inspector.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return summarize(JSON.parse(chunks.join('')));
  } finally {
    inspector.close();
  }
}

const mib = (bytes) => (bytes / 2 ** 20).toFixed(2);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-heap-'));
const provider = await startFakeProvider({ tokens: 64, firstTokenDelayMs: 50, chunkDelayMs: 10 });
const server = startServer({
  root: ROOT,
  port: await freePort(),
  env: benchServerEnv(provider, dataDir),
});
try {
  await waitUntilAnswering(server);
  const { pid } = findServingProcess(server.child.pid);
  const session = await openSession(server.url, 'openai/gpt-4o-mini');
  const next = rotation(await session.prepareConversations(STREAMS * 2));
  await runBlock({ concurrency: 10, requests: 100, send: () => session.send(next()) });
  const before = await heapAfterGc(pid);
  console.error(`[heap] idle snapshot taken; ${TURNS} turns at ${STREAMS} streams`);
  const results = await runBlock({ concurrency: STREAMS, requests: TURNS, send: () => session.send(next()) });
  console.error(`[heap] ${results.filter((r) => r.ok).length} of ${TURNS} turns ok; waiting ${WAIT_MS / 1000} s`);
  await sleep(WAIT_MS);
  const after = await heapAfterGc(pid);
  const growth = [...after]
    .map(([key, a]) => {
      const b = before.get(key) ?? { count: 0, bytes: 0 };
      return { key, count: a.count - b.count, bytes: a.bytes - b.bytes };
    })
    .sort((x, y) => y.bytes - x.bytes);
  const total = (summary) => [...summary.values()].reduce((sum, e) => sum + e.bytes, 0);
  console.log(`Heap after a forced GC: ${mib(total(before))} MiB idle, ${mib(total(after))} MiB after the load.`);
  console.log('Most grown (type:constructor, objects, MiB):');
  for (const g of growth.slice(0, TOP))
    console.log(`  ${g.key.padEnd(70)} ${String(g.count).padStart(8)} ${mib(g.bytes)}`);
} finally {
  await stopServer(server);
  await provider.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
