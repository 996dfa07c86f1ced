// Imported by scripts/admin-grant.ts under plain Node too: relative imports with extensions only.
import type { Database } from '../db/client.ts';

/**
 * Makes the account with this email an admin (and enables it). A named maintenance job, run
 * outside any user scope: by `npm run admin:grant -- <email>` and, for ADMIN_EMAILS, at sign-up
 * and sign-in. The audit log records it with no actor. Null when there is no such account.
 * onlyVerified (the ADMIN_EMAILS path): only an account whose address is proven, or whoever
 * registered a listed address first would become admin. The operator's own command needs no proof.
 */
export async function grantAdmin(
  db: Database,
  email: string,
  { onlyVerified = false }: { onlyVerified?: boolean } = {},
): Promise<{ id: string; changed: boolean } | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ id: string; role: string; disabled_at: string | null }>(
      `select id, role, disabled_at from hearth.users
        where email = lower($1) and not is_guest${onlyVerified ? ' and email_verified_at is not null' : ''} for update`,
      [email.trim()],
    );
    if (!before) return null;
    if (before.role === 'admin' && before.disabled_at === null) return { id: before.id, changed: false };
    await tx.query("update hearth.users set role = 'admin', disabled_at = null where id = $1", [before.id]);
    await tx.query(
      `insert into hearth.audit_log (actor_id, action, target_type, target_id, before, after)
       values (null, 'user.role', 'user', $1, $2, $3)`,
      [before.id, JSON.stringify({ role: before.role }), JSON.stringify({ role: 'admin', via: 'maintenance' })],
    );
    return { id: before.id, changed: true };
  });
}
