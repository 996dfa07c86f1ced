// `npm run bench:web` (after `npm run build`): how heavy the pages are and how fast the server
// starts. Page weight: the JavaScript a browser loads for / and /chat/[id] (every script the
// server-rendered HTML asks for, but the noModule polyfills a current browser skips), gzipped, against the chat page's target of 200 KB. Cold start:
// `next start` to the first 200 from /signin, on an empty data directory (which migrates and
// seeds the embedded database) and on one that already has data. Figures, not a test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createConversation, signInAsGuest } from './app-client.mjs';
import { freePort, startServer, stopServer } from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const STARTS = 3;
const CHAT_PAGE_TARGET_KB = 200;

async function untilOk(url, startedAt, timeoutMs = 120_000) {
  while (performance.now() - startedAt < timeoutMs) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} gave no 200 within ${timeoutMs / 1000} s`);
}

async function coldStart(dataDir) {
  const port = await freePort();
  const startedAt = performance.now();
  const server = startServer({ root: ROOT, port, env: { HEARTH_DATA_DIR: dataDir, DATABASE_URL: '' } });
  try {
    return await untilOk(`${server.url}/signin`, startedAt);
  } finally {
    await stopServer(server);
  }
}

/**
 * The gzipped size of every script a page's HTML loads, each listed. A noModule script (Next's
 * legacy polyfills) is listed but not counted: browsers that run modules never fetch it.
 */
async function pageWeight(baseUrl, jar, pathname) {
  const html = await (await fetch(`${baseUrl}${pathname}`, { headers: { cookie: jar.header() } })).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const sources = new Map(tags.map((m) => [m[1].replaceAll('&amp;', '&'), /\snomodule(=|\s|>)/i.test(m[0])]));
  const scripts = [];
  for (const [source, noModule] of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, baseUrl))).arrayBuffer());
    scripts.push({ source, noModule, rawKb: body.length / 1024, gzipKb: gzipSync(body).length / 1024 });
  }
  const loaded = scripts.filter((script) => !script.noModule);
  const sum = (key) => loaded.reduce((total, script) => total + script[key], 0);
  return {
    scripts: loaded.length,
    rawKb: sum('rawKb'),
    gzipKb: sum('gzipKb'),
    perScript: scripts.sort((a, b) => b.gzipKb - a.gzipKb),
  };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-web-'));
try {
  const empty = [];
  const warm = [];
  const dataDir = path.join(work, 'data');
  for (let i = 0; i < STARTS; i++) {
    rmSync(dataDir, { recursive: true, force: true });
    empty.push(await coldStart(dataDir));
    warm.push(await coldStart(dataDir));
  }

  const port = await freePort();
  const server = startServer({ root: ROOT, port, env: { HEARTH_DATA_DIR: dataDir, DATABASE_URL: '' } });
  let pages;
  try {
    await untilOk(`${server.url}/signin`, performance.now());
    const jar = await signInAsGuest(server.url);
    const conversation = await createConversation(server.url, jar, 'marcus');
    pages = {
      '/': await pageWeight(server.url, jar, '/'),
      '/chat/[id]': await pageWeight(server.url, jar, `/chat/${conversation.id}`),
    };
  } finally {
    await stopServer(server);
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const results = { coldStartMs: { emptyDataDir: empty, existingDataDir: warm }, pages };
  const kb = (n) => `${n.toFixed(1)} KB`;
  const table = [
    `# Page weight and cold start (${new Date().toISOString()})`,
    '',
    '| Figure | Result | Target |',
    '| --- | --- | --- |',
    ...Object.entries(pages).map(
      ([page, w]) =>
        `| JavaScript for ${page}, gzip (raw), ${w.scripts} scripts | ${kb(w.gzipKb)} (${kb(w.rawKb)}) | ${page === '/chat/[id]' ? `≤ ${CHAT_PAGE_TARGET_KB} KB` : ''} |`,
    ),
    ...Object.entries(pages).map(
      ([page, w]) =>
        `| scripts of ${page}, gzip | ${w.perScript.map((s) => `${path.basename(s.source)} ${kb(s.gzipKb)}${s.noModule ? ' (noModule, not counted)' : ''}`).join(', ')} | |`,
    ),
    `| cold start, empty data directory (migrate and seed), median of ${STARTS} | ${median(empty).toFixed(0)} ms | |`,
    `| cold start, existing data directory, median of ${STARTS} | ${median(warm).toFixed(0)} ms | |`,
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/results/web.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'bench/results/web.md'), `${table}\n`);
  console.log(table);
} finally {
  rmSync(work, { recursive: true, force: true });
}
