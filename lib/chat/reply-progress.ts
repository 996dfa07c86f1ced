import type { Database } from '@/lib/db/client';
import { saveReplyProgress } from '@/lib/conversations/messages';

/** How often the replies this process is writing are saved as they stand: a killed function loses at most this much. */
export const PROGRESS_INTERVAL_MS = 2_000;

/** A reply this process is writing, as the ticker sees it. */
export type LiveReply = {
  /** The assistant message's id: chosen by the server, never by a client. */
  id: string;
  /** The reply's parts as they stand; read once per tick, never per token. */
  parts: () => { type: string }[];
  /** A cheap fingerprint of parts(): the parts are written only when it changed since the last write. */
  version: () => string;
  /** Someone pressed Stop, through whichever instance: end the generation (it saves the reply as aborted). */
  stop: () => void;
};

type Entry = { reply: LiveReply; written: string | null };

/**
 * One ticker per process and database: every PROGRESS_INTERVAL_MS it saves the text of every reply
 * the process is writing, in one statement, and gives each a heartbeat (progress_at) so a reply
 * whose function was killed can be told from one still being written. The same statement reads back
 * Stop flags, so Stop reaches the writing instance without Redis. It runs only while there are
 * replies, adds no work per token, and never overtakes the final save (which ends `streaming`).
 */
export class ReplyProgressTicker {
  private readonly live = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** Starts saving the reply's progress; the returned function stops it (call it once the reply is saved). */
  track(reply: LiveReply): () => void {
    this.live.set(reply.id, { reply, written: null });
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs).unref();
    return () => {
      this.live.delete(reply.id);
      if (this.live.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  get size(): number {
    return this.live.size;
  }

  /** One save of every live reply; a tick still running when the next is due is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.save().finally(() => (this.running = undefined));
    return this.running;
  }

  private async save(): Promise<void> {
    if (this.live.size === 0) return;
    const entries = [...this.live.values()];
    const versions = entries.map((entry) => entry.reply.version());
    const changed = entries.map((entry, i) => entry.written !== versions[i]);
    try {
      const answered = await saveReplyProgress(
        this.db,
        entries.map((entry) => entry.reply.id),
        entries.map((entry, i) => (changed[i] ? JSON.stringify(entry.reply.parts()) : null)),
      );
      entries.forEach((entry, i) => {
        if (changed[i]) entry.written = versions[i]!;
      });
      for (const { id, stopRequested } of answered) if (stopRequested) this.live.get(id)?.reply.stop();
    } catch (error) {
      // The next tick tries again with whatever the replies hold by then.
      console.warn(
        `[chat] could not save the progress of ${entries.length} repl${entries.length === 1 ? 'y' : 'ies'}: ${(error as Error).message}`,
      );
    }
  }
}

const TICKERS = Symbol.for('hearth.replyProgressTickers');
type Holder = { [TICKERS]?: WeakMap<Database, ReplyProgressTicker> };

/** The process's ticker for this database (Next.js may load this module more than once: it lives on globalThis). */
export function replyProgressTicker(db: Database): ReplyProgressTicker {
  const tickers = ((globalThis as Holder)[TICKERS] ??= new WeakMap());
  let ticker = tickers.get(db);
  if (!ticker) tickers.set(db, (ticker = new ReplyProgressTicker(db)));
  return ticker;
}
