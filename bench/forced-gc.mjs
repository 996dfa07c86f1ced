// The server's memory after a forced garbage collection, so that memory still retained can be told
// apart from memory not yet collected (or not yet given back by the allocator). No flag and no
// route in the app: SIGUSR1 opens Node's inspector on 127.0.0.1:9229, and the DevTools protocol
// asks for the collection and reads process.memoryUsage().
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssBytes } from './server.mjs';

const INSPECTOR = 'http://127.0.0.1:9229';

/**
 * { rss, heapTotal, heapUsed, external, arrayBuffers } in bytes after two full collections; null
 * (and a note) when the inspector cannot be reached.
 */
export async function memoryAfterForcedGc(pid, notes) {
  const inspector = await openInspector(pid);
  if (!inspector) {
    notes.push('the server’s inspector (127.0.0.1:9229) did not answer: no figures after a forced GC');
    return null;
  }
  try {
    await inspector.call('HeapProfiler.collectGarbage');
    await inspector.call('HeapProfiler.collectGarbage');
    const answer = await inspector.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    return JSON.parse(answer.result.result.value);
  } finally {
    inspector.close();
  }
}

/**
 * The server's RSS before and after glibc's malloc_trim(0), called in the process through gdb
 * (bench only; the app never does this): the difference is memory the program has freed that the
 * allocator still keeps, as against memory still in use. Null (and a note) without gdb.
 */
export function rssAfterMallocTrim(pid, notes) {
  const before = rssBytes(pid);
  const trimmed = spawnSync('gdb', ['-p', String(pid), '-batch', '-ex', 'call (int) malloc_trim(0)'], {
    stdio: 'ignore',
    timeout: 60_000,
  });
  if (trimmed.status !== 0) {
    notes.push(`gdb could not call malloc_trim in the server (${trimmed.error?.message ?? `exit ${trimmed.status}`})`);
    return null;
  }
  return { before, after: rssBytes(pid) };
}

/**
 * A DevTools protocol session with the process: call(method, params) resolves to the answer,
 * on(method, listener) hears its events. Null when the inspector does not answer.
 */
export async function openInspector(pid) {
  process.kill(pid, 'SIGUSR1');
  let target;
  for (let attempt = 0; attempt < 50 && !target; attempt++) {
    target = await fetch(`${INSPECTOR}/json/list`)
      .then((response) => response.json())
      .then((targets) => targets.find((t) => t.webSocketDebuggerUrl))
      .catch(() => undefined);
    if (!target) await sleep(100);
  }
  if (!target) return null;
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 0;
  const pending = new Map();
  const listeners = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.id === undefined) return listeners.get(message.method)?.(message.params);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  return {
    call: (method, params = {}) =>
      new Promise((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    on: (method, listener) => listeners.set(method, listener),
    close: () => socket.close(),
  };
}
