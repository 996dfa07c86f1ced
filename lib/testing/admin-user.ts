import { grantAdmin } from '@/lib/auth/grant-admin';
import type { Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';

/** A new test user, made an admin as the first admin is: by email, in the users table. */
export async function makeAdmin(db: Database, label: string): Promise<{ id: string; role: 'admin' }> {
  const user = await createTestUser(db, label);
  const [{ email }] = (await db.query<{ email: string }>('select email from hearth.users where id = $1', [
    user.id,
  ])) as [{ email: string }];
  await grantAdmin(db, email);
  return { id: user.id, role: 'admin' };
}
