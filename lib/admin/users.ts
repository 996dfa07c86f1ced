import { forgetSessionState } from '@/lib/auth/session-state';
import { writeAudit } from '@/lib/admin/audit';
import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';

export type AdminUserRow = {
  id: string;
  email: string | null;
  name: string | null;
  role: 'user' | 'admin';
  isGuest: boolean;
  disabledAt: string | null;
  createdAt: string;
  /** Days with at least one message (from the usage rollup: a count, never content). */
  activeDays: number;
};

/** Accounts for the admin's list (RLS: admins read every users row; never their conversations' content). */
export function listUsers(
  admin: UserScope,
  options: { q?: string; role?: 'user' | 'admin'; limit?: number } = {},
  db?: Database,
): Promise<AdminUserRow[]> {
  return withUser(
    admin,
    (tx) => {
      const params: unknown[] = [Math.min(options.limit ?? 100, 500)];
      const where = ['true'];
      if (options.q) {
        params.push(`%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`(u.email ilike $${params.length} or u.name ilike $${params.length})`);
      }
      if (options.role) {
        params.push(options.role);
        where.push(`u.role = $${params.length}`);
      }
      return tx.query<AdminUserRow>(
        `select u.id, u.email, u.name, u.role, u.is_guest as "isGuest", u.disabled_at::text as "disabledAt",
              u.created_at::text as "createdAt",
              (select count(*)::int from hearth.usage_daily_users d where d.user_id = u.id) as "activeDays"
         from hearth.users u
        where ${where.join(' and ')}
        order by u.is_guest, u.created_at desc
        limit $1`,
        params,
      );
    },
    db,
  );
}

/**
 * Changes a user's role and/or disables or enables them, with an audit entry per change. Either
 * ends every session of theirs (the database raises their session version); this process stops
 * trusting its cached view of them at once.
 */
export async function updateUser(
  admin: UserScope,
  userId: string,
  change: { role?: 'user' | 'admin'; disabled?: boolean },
  db?: Database,
): Promise<AdminUserRow> {
  if (userId === admin.id)
    throw new HearthError('forbidden', 'You cannot change your own role or disable yourself. Ask another admin.');
  const updated = await withUser(
    admin,
    async (tx) => {
      const [before] = await tx.query<{ role: 'user' | 'admin'; disabledAt: string | null }>(
        'select role, disabled_at::text as "disabledAt" from hearth.users where id = $1',
        [userId],
      );
      if (!before) throw new HearthError('not_found', 'There is no such user.');
      await tx.query('select * from hearth.admin_update_user($1, $2, $3)', [
        userId,
        change.role ?? null,
        change.disabled ?? null,
      ]);
      const [after] = await tx.query<AdminUserRow>(
        `select u.id, u.email, u.name, u.role, u.is_guest as "isGuest", u.disabled_at::text as "disabledAt",
              u.created_at::text as "createdAt", 0 as "activeDays"
         from hearth.users u where u.id = $1`,
        [userId],
      );
      if (change.role !== undefined && change.role !== before.role) {
        await writeAudit(tx, {
          action: 'user.role',
          targetType: 'user',
          targetId: userId,
          before: { role: before.role },
          after: { role: after!.role },
        });
      }
      if (change.disabled !== undefined && change.disabled !== (before.disabledAt !== null)) {
        await writeAudit(tx, {
          action: change.disabled ? 'user.disable' : 'user.enable',
          targetType: 'user',
          targetId: userId,
          before: { disabledAt: before.disabledAt },
          after: { disabledAt: after!.disabledAt },
        });
      }
      return after!;
    },
    db,
  );
  forgetSessionState(userId);
  return updated;
}
