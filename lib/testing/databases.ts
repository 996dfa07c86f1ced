import { openDatabase, type Database } from '@/lib/db';
import { withAnon } from '@/lib/db/scope';

/**
 * The databases every integration test runs against: an in-memory PGlite, and the PostgreSQL
 * server at TEST_DATABASE_URL when it is set (CI points it at a fresh database, and in a second
 * run at a Supabase-shaped one behind the pooler, with TEST_ONLY_POSTGRES=1 to skip PGlite).
 */
export const TEST_DATABASES: { name: string; open: () => Promise<Database> }[] = [
  ...(process.env.TEST_ONLY_POSTGRES && process.env.TEST_DATABASE_URL
    ? []
    : [{ name: 'pglite', open: () => openDatabase({ memory: true }) }]),
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres', open: () => openDatabase({ url: process.env.TEST_DATABASE_URL }) }]
    : []),
];

/**
 * A new user made the way sign-up makes one (through anon's function), for RLS tests. Its address
 * counts as proven unless `verified: false` (an unverified account may not mint API keys).
 */
export async function createTestUser(
  db: Database,
  label = 'user',
  { verified = true }: { verified?: boolean } = {},
): Promise<{ id: string }> {
  const email = `${label}-${crypto.randomUUID()}@test.hearth.local`;
  const [row] = await withAnon(
    (tx) => tx.query<{ id: string }>("select hearth.auth_register_user($1, $2, 'x', false) as id", [email, label]),
    db,
  );
  if (!row?.id) throw new Error('could not create test user');
  if (verified) await db.query('update hearth.users set email_verified_at = now() where id = $1', [row.id]);
  return { id: row.id };
}
