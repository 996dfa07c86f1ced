import type { Queryable } from '@/lib/db/client';

export const AUDIT_ACTIONS = [
  'persona.create',
  'persona.update',
  'persona.publish',
  'persona.unpublish',
  'persona.archive',
  'persona.restore',
  'persona.restore_version',
  'persona.import',
  'persona.duplicate',
  'persona.avatar',
  'companion.hide',
  'companion.unhide',
  'companion.feature',
  'companion.unfeature',
  'companion.remove',
  'companion.relabel_nsfw',
  'companion.dismiss',
  'user.role',
  'user.disable',
  'user.enable',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  targetType: 'companion' | 'user';
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
};

/**
 * Writes one entry as the signed-in admin, in the caller's transaction: the action and its record
 * commit together or not at all. RLS refuses it for anyone but an admin.
 */
export async function writeAudit(
  tx: Queryable,
  entry: { action: AuditAction; targetType: 'companion' | 'user'; targetId: string; before: unknown; after: unknown },
): Promise<void> {
  await tx.query(
    `insert into hearth.audit_log (action, target_type, target_id, before, after) values ($1, $2, $3, $4, $5)`,
    [entry.action, entry.targetType, entry.targetId, json(entry.before), json(entry.after)],
  );
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Newest first; `before` is an entry's created_at and id, for the next page. */
export function listAudit(
  tx: Queryable,
  options: { limit?: number; action?: string; targetId?: string; before?: { createdAt: string; id: string } } = {},
): Promise<AuditEntry[]> {
  const params: unknown[] = [options.limit ?? 50];
  const where: string[] = [];
  if (options.action) {
    params.push(`${options.action}%`);
    where.push(`a.action like $${params.length}`);
  }
  if (options.targetId) {
    params.push(options.targetId);
    where.push(`a.target_id = $${params.length}`);
  }
  if (options.before) {
    params.push(options.before.createdAt, options.before.id);
    where.push(`(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return tx.query<AuditEntry>(
    `select a.id, a.actor_id as "actorId", coalesce(u.name, u.email) as "actorName", a.action,
            a.target_type as "targetType", a.target_id as "targetId",
            coalesce(c.name, tu.email, tu.name) as "targetLabel",
            a.before, a.after, a.created_at::text as "createdAt"
       from hearth.audit_log a
       left join hearth.users u on u.id = a.actor_id
       left join hearth.companions c on a.target_type = 'companion' and c.id = a.target_id
       left join hearth.users tu on a.target_type = 'user' and tu.id = a.target_id
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by a.created_at desc, a.id desc
      limit $1`,
    params,
  );
}
