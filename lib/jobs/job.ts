import type { Queryable } from '@/lib/db/client';
import type { BlobStore } from '@/lib/storage';

/** What a job may use besides its transaction; tests pass their own. */
export type JobContext = {
  /** Where uploaded files live; the deployment's blob store by default. */
  store: BlobStore;
  /** The time the run started, by this process's clock (ms since the epoch). */
  now: number;
};

/** What a run did, as the admin sees it: the rows it changed (null when that says nothing), and a note. */
export type JobResult = { rows: number | null; detail?: string };

/**
 * A piece of scheduled work. It runs inside the transaction that holds its lock (so one instance
 * at a time runs it) and must use only `tx` for the database: on the embedded database a second
 * connection would wait for that transaction for ever. An error rolls its work back and is recorded.
 */
export type Job = {
  /** Stable and unique: the lock, the record of runs and the admin page go by it. */
  name: string;
  /** What it is for, in a few words, for the admin page. */
  description: string;
  /** How often it should run; a trigger more often than this finds it not due. */
  everyMs: number;
  run: (tx: Queryable, context: JobContext) => Promise<JobResult>;
};

export const MINUTE_MS = 60_000;
