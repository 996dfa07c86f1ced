// A process that holds an embedded database directory, for the fault test of two processes on one
// PGlite directory. Started with fork() and the data directory as its argument; over IPC:
//   -> { type: 'ready', pid }                  opened (locked, migrated) the directory
//   -> { type: 'open-failed', message }        could not open it (then exits with code 1)
//   <- { type: 'write', label }   -> { type: 'written', label }   one user row, committed
//   <- { type: 'count' }          -> { type: 'count', count }     the users written by this test
//   <- { type: 'close' }          -> closes the database and exits 0
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';

const WRITE_LABEL_PREFIX = 'lock-fault';

type Command = { type: 'write'; label: string } | { type: 'count' } | { type: 'close' };

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-holder.ts <data dir>');

const reply = (message: object) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

let db: Database;
try {
  db = await openDatabase({ dataDir });
} catch (error) {
  await reply({ type: 'open-failed', message: (error as Error).message });
  process.exit(1);
}

// Commands run one at a time, in the order they came, so the parent knows what is committed.
let queue = Promise.resolve();
process.on('message', (command: Command) => {
  queue = queue.then(async () => {
    if (command.type === 'write') {
      await createTestUser(db, `${WRITE_LABEL_PREFIX}-${command.label}`);
      await reply({ type: 'written', label: command.label });
    } else if (command.type === 'count') {
      const [row] = await db.query<{ count: number }>(
        'select count(*)::int as count from hearth.users where email like $1',
        [`${WRITE_LABEL_PREFIX}-%`],
      );
      await reply({ type: 'count', count: row?.count ?? 0 });
    } else {
      await db.close();
      process.exit(0);
    }
  });
});

await reply({ type: 'ready', pid: process.pid });
