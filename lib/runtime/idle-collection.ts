import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getConfig } from '@/lib/config';

/**
 * A reading of the process's memory: the JavaScript heap in use, and all it holds (RSS), which
 * counts the buffers of sockets and streams that only a collection of their owners frees.
 */
export type MemoryReading = { heapUsed: number; rss: number };

export type IdleCollectionOptions = {
  /** Whether the server is at work right now (replies being written): never collected then. */
  busy?: () => boolean;
  /** How often the memory is looked at. */
  intervalMs?: number;
  /** The heap in use moving by less than this between two looks, with nothing at work, is quiet. */
  quietBytes?: number;
  /** Held beyond what the last collection left, worth giving back. */
  excessBytes?: number;
};

const DEFAULTS = { intervalMs: 5_000, quietBytes: 2 * 2 ** 20, excessBytes: 32 * 2 ** 20 };

/**
 * Quiet between two looks: nothing at work, and the heap in use barely moved (under load it grows
 * fast, or drops as V8 collects by itself).
 */
export function isQuiet(previous: MemoryReading, now: MemoryReading, busy: boolean, quietBytes = DEFAULTS.quietBytes) {
  return !busy && Math.abs(now.heapUsed - previous.heapUsed) < quietBytes;
}

/** The process holds much more than the last collection left. */
export function holdsExcess(
  now: MemoryReading,
  afterLastCollection: MemoryReading,
  excessBytes = DEFAULTS.excessBytes,
) {
  return now.rss - afterLastCollection.rss >= excessBytes;
}

const STARTED = Symbol.for('hearth.idleCollection');
type Holder = { [STARTED]?: NodeJS.Timeout };

/**
 * V8 collects garbage when the program allocates, so a server that goes quiet after a burst of
 * load keeps what the burst left (hundreds of MiB of RSS) until its next request. In the
 * long-lived server a timer looks at the memory every few seconds and, once the server has been
 * quiet for two looks in a row while holding well past what the last collection left, runs one
 * full collection, which gives the memory back. A busy server is never collected. Self-hosted
 * only; started once per process from instrumentation.ts; unref'd.
 */
export function startIdleCollection(options: IdleCollectionOptions = {}): boolean {
  const holder = globalThis as Holder;
  // A serverless function lives for its request: nothing stays behind to give back.
  if (getConfig().platform.vercel || holder[STARTED]) return false;
  const collect = exposedGc();
  if (!collect) return false;
  const { intervalMs, quietBytes, excessBytes, busy = () => false } = { ...DEFAULTS, ...options };
  const read = (): MemoryReading => {
    const { heapUsed, rss } = process.memoryUsage();
    return { heapUsed, rss };
  };
  let previous = read();
  let afterLastCollection = previous;
  let wasQuiet = false;
  holder[STARTED] = setInterval(() => {
    let now = read();
    const quiet = isQuiet(previous, now, busy(), quietBytes);
    if (quiet && wasQuiet && holdsExcess(now, afterLastCollection, excessBytes)) {
      collect();
      afterLastCollection = now = read();
    }
    // Memory that went back by itself is the new floor.
    if (now.rss < afterLastCollection.rss) afterLastCollection = now;
    previous = now;
    wasQuiet = quiet;
  }, intervalMs).unref();
  return true;
}

type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * V8's full collection, which Node exposes only behind a flag; null where it cannot be had. The
 * last-resort flavour (what a low-memory notification runs) also frees the buffers the dead
 * objects held and gives the pages back; a plain `gc()` left RSS where it was.
 */
function exposedGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return null;
    return () => (gc as Gc)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    return null;
  }
}
