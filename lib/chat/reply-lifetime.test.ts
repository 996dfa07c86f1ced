import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { INTERRUPTED_REPLY_ERROR } from '@/lib/db/maintenance';
import { getMessage, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { closeStuckReplies } from '@/lib/jobs/close-stuck-replies';
import { runDueJobs } from '@/lib/jobs/runner';
import { stopReply } from './stop-everywhere';

// Real processes, as two server instances would be: the writer (lib/testing/reply-writer.ts)
// streams a long reply; this process is the other instance, or the one left after a kill.
const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITER = path.join(ROOT, 'lib/testing/reply-writer.ts');
const EXEC_ARGV = [
  '--experimental-transform-types',
  '--disable-warning=ExperimentalWarning',
  '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
  '--import',
  path.join(ROOT, 'bench/ts-paths.mjs'),
];
// What the writer's model says in full: 2,000 words, 100 s.
const FULL = Array.from({ length: 2000 }, (_, i) => `word${i} `).join('');

type Message = { type: string } & Record<string, unknown>;
type Writer = { child: ChildProcess; next: (type: string) => Promise<Message>; exited: Promise<unknown> };

const writers: Writer[] = [];
function startWriter(options: { url?: string; dataDir?: string }): Writer {
  const child = fork(WRITER, [JSON.stringify(options)], {
    cwd: ROOT,
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, REDIS_URL: '' },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const seen: Message[] = [];
  const waiting = new Map<string, (message: Message) => void>();
  child.on('message', (message: Message) => {
    seen.push(message);
    waiting.get(message.type)?.(message);
  });
  // Liveness, not speed: ten ticks' worth, so a missing tick fails here instead of hanging.
  const next = (type: string) =>
    new Promise<Message>((resolve, reject) => {
      const already = seen.find((m) => m.type === type);
      if (already) return resolve(already);
      waiting.set(type, resolve);
      void exited.then(() => reject(new Error(`the writer exited before sending ${type}`)));
      setTimeout(() => reject(new Error(`the writer sent no ${type} within 20 s`)), 20_000).unref();
    });
  const writer = { child, next, exited };
  writers.push(writer);
  return writer;
}

afterEach(() => {
  for (const writer of writers.splice(0)) if (writer.child.exitCode === null) writer.child.kill('SIGKILL');
});

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('a reply whose function is killed mid-stream, on postgres', () => {
  it(
    'keeps the text the last tick saved, and the stuck-reply job closes it as an error with that text',
    { timeout: 60_000 },
    async () => {
      const writer = startWriter({ url });
      const { replyId } = (await writer.next('ready')) as unknown as { replyId: string };
      const { text: saved } = (await writer.next('progress-saved')) as unknown as { text: string };
      writer.child.kill('SIGKILL');
      await writer.exited;

      const db = await openDatabase({ url });
      try {
        const [row] = await db.query<{ status: string; parts: { type: 'text'; text: string }[] }>(
          'select status, parts from hearth.messages where id = $1',
          [replyId],
        );
        const kept = textOf(row!);
        expect(row!.status).toBe('streaming');
        expect(kept.startsWith(saved)).toBe(true);
        expect(FULL.startsWith(kept) && kept.length < FULL.length).toBe(true);

        // The heartbeat is fresh: nothing closes it yet. Then 60 s pass without one.
        const job = { ...closeStuckReplies, name: `close-stuck-replies-${crypto.randomUUID()}` };
        await db.query("update hearth.messages set progress_at = progress_at - interval '60 seconds' where id = $1", [
          replyId,
        ]);
        const [report] = await runDueJobs(db, { jobs: [job] });
        expect(report).toMatchObject({ ran: true, outcome: 'ok' });
        const [closed] = await db.query<{ status: string; error: string; parts: { type: 'text'; text: string }[] }>(
          'select status, error, parts from hearth.messages where id = $1',
          [replyId],
        );
        expect(closed).toMatchObject({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
        expect(textOf(closed!)).toBe(kept);
      } finally {
        await db.close();
      }
    },
  );
});

describe('a reply whose process is killed mid-stream, on pglite', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-killed-reply-'));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'keeps the text the last tick saved; the next start closes it as an error with that text',
    { timeout: 60_000 },
    async () => {
      const writer = startWriter({ dataDir });
      const { replyId, userId } = (await writer.next('ready')) as unknown as { replyId: string; userId: string };
      const { text: saved } = (await writer.next('progress-saved')) as unknown as { text: string };
      writer.child.kill('SIGKILL');
      await writer.exited;

      // The embedded database has one owner, so what it shows as streaming when it opens was cut off.
      const db: Database = await openDatabase({ dataDir });
      try {
        const reply = await withUser({ id: userId }, (tx) => getMessage(tx, replyId), db);
        expect(reply).toMatchObject({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
        const kept = textOf(reply!);
        expect(kept.startsWith(saved)).toBe(true);
        expect(FULL.startsWith(kept) && kept.length < FULL.length).toBe(true);
      } finally {
        await db.close();
      }
    },
  );
});

describe.skipIf(!url)('Stop from another instance without Redis, on postgres', () => {
  it('stops the reply on the instance writing it, saved as aborted with its text', { timeout: 60_000 }, async () => {
    vi.stubEnv('REDIS_URL', '');
    const writer = startWriter({ url });
    const { userId, conversationId, replyId } = (await writer.next('ready')) as unknown as {
      userId: string;
      conversationId: string;
      replyId: string;
    };
    await writer.next('progress-saved');

    // This process is instance B: its own pool, and no generation of its own.
    const db = await openDatabase({ url });
    const holder = globalThis as { __hearthDb?: Promise<Database> };
    const previous = holder.__hearthDb;
    holder.__hearthDb = Promise.resolve(db);
    try {
      // What the Stop route (app/api/chat/stop) does for the signed-in person.
      expect(await stopReply({ id: userId, role: 'user' }, conversationId)).toBe(true);

      // The writer would take 100 s to finish on its own: it ends because Stop reached it.
      const saved = (await writer.next('saved')) as unknown as { status: string; text: string };
      expect(saved.status).toBe('aborted');
      expect(saved.text.length).toBeGreaterThan(0);
      expect(FULL.startsWith(saved.text) && saved.text.length < FULL.length).toBe(true);
      const stored = await withUser({ id: userId }, (tx) => getMessage(tx, replyId), db);
      expect(stored?.status).toBe('aborted');
      expect(textOf(stored!)).toBe(saved.text);
    } finally {
      holder.__hearthDb = previous;
      vi.unstubAllEnvs();
      await db.close();
    }
  });
});
