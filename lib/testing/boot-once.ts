// One server's boot, reduced to what touches the database: open it (migrate, seed), then close.
// Started by lib/db/boot.test.ts many times at once with a PostgreSQL URL as its argument.
import { openDatabase } from '@/lib/db';

const db = await openDatabase({ url: process.argv[2] });
await db.close();
