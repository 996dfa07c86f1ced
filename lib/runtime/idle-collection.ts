import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getConfig } from '@/lib/config';

/**
 * A reading of the process's memory: the JavaScript heap in use, and all it holds (RSS), which
 * counts the buffers of sockets and streams that only a collection of their owners frees.
 */
export type MemoryReading = { heapUsed: number; rss: number };

export type IdleCollectionOptions = {
  /** How often the heap is looked at. */
  intervalMs?: number;
  /** Less growth than this between two looks is a quiet server: nothing much is being allocated. */
  quietBytes?: number;
  /** Held beyond what the last collection left, worth giving back. */
  excessBytes?: number;
};

const DEFAULTS = { intervalMs: 5_000, quietBytes: 2 * 2 ** 20, excessBytes: 32 * 2 ** 20 };

/**
 * Whether now is the time for a full collection: the server has gone quiet (the heap in use barely
 * grew since the last look) while the process holds much more than the last collection left.
 */
export function shouldCollect(
  previous: MemoryReading,
  now: MemoryReading,
  afterLastCollection: MemoryReading,
  { quietBytes, excessBytes }: Pick<typeof DEFAULTS, 'quietBytes' | 'excessBytes'> = DEFAULTS,
): boolean {
  const quiet = now.heapUsed - previous.heapUsed < quietBytes;
  return quiet && now.rss - afterLastCollection.rss >= excessBytes;
}

const STARTED = Symbol.for('hearth.idleCollection');
type Holder = { [STARTED]?: NodeJS.Timeout };

/**
 * V8 collects garbage when the program allocates, so a server that goes quiet after a burst of
 * load keeps what the burst left (hundreds of MiB of RSS) until its next request. In the
 * long-lived server a timer looks at the heap every few seconds and, once the server is quiet
 * with a heap grown well past what the last collection left, runs one full collection, which
 * gives the memory back. Self-hosted only; started once per process from instrumentation.ts; unref'd.
 */
export function startIdleCollection(options: IdleCollectionOptions = {}): boolean {
  const holder = globalThis as Holder;
  // A serverless function lives for its request: nothing stays behind to give back.
  if (getConfig().platform.vercel || holder[STARTED]) return false;
  const collect = exposedGc();
  if (!collect) return false;
  const { intervalMs, ...limits } = { ...DEFAULTS, ...options };
  const read = (): MemoryReading => {
    const { heapUsed, rss } = process.memoryUsage();
    return { heapUsed, rss };
  };
  let previous = read();
  let afterLastCollection = previous;
  holder[STARTED] = setInterval(() => {
    const now = read();
    if (shouldCollect(previous, now, afterLastCollection, limits)) {
      collect();
      afterLastCollection = read();
      previous = afterLastCollection;
      return;
    }
    previous = now;
    // Memory that went back by itself is the new floor.
    if (now.rss < afterLastCollection.rss) afterLastCollection = now;
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
