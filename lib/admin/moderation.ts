import { z } from 'zod';
import { writeAudit, type AuditAction } from '@/lib/admin/audit';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { ReportReason } from '@/lib/companions/report-reasons';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

// Admins moderate people's companions: every action is one transaction with its audit entry, and
// the open reports it answers are resolved with it.

export const MODERATIONS = ['hide', 'unhide', 'feature', 'unfeature', 'remove', 'relabel_nsfw', 'dismiss'] as const;
export type Moderation = (typeof MODERATIONS)[number];
export const moderation = z.enum(MODERATIONS, { error: 'Not a moderation action.' });

/** A person's companion as the moderation queue shows it. */
export type ModeratedCompanion = {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  avatarUrl: string;
  owner: string;
  audience: 'private' | 'unlisted' | 'public';
  nsfw: boolean;
  hidden: boolean;
  featured: boolean;
  removed: boolean;
  openReports: number;
  reasons: ReportReason[];
  notes: string[];
  lastReportAt: string | null;
};

const CHANGES: Record<Exclude<Moderation, 'dismiss'>, { set: string; resolution?: string }> = {
  hide: { set: 'hidden_at = coalesce(hidden_at, now())', resolution: 'hidden' },
  unhide: { set: 'hidden_at = null' },
  feature: { set: 'featured_at = coalesce(featured_at, now())' },
  unfeature: { set: 'featured_at = null' },
  remove: { set: "archived_at = coalesce(archived_at, now()), audience = 'private'", resolution: 'removed' },
  relabel_nsfw: { set: 'nsfw = true, nsfw_locked = true', resolution: 'relabelled' },
};

const STATE = `c.id, c.slug, c.name, c.tagline, c.avatar_url as "avatarUrl",
  coalesce(nullif(u.name, ''), u.email, 'Someone') as owner, c.audience, c.nsfw,
  c.hidden_at is not null as hidden, c.featured_at is not null as featured, c.archived_at is not null as removed`;

/**
 * People's companions with open reports first (most reported, newest report), then the rest of
 * the public ones, newest first.
 */
export function moderationQueue(admin: UserScope, db?: Database): Promise<ModeratedCompanion[]> {
  return withUser(
    admin,
    (tx) =>
      tx.query<ModeratedCompanion>(
        `select ${STATE}, count(r.id)::int as "openReports",
                coalesce(array_agg(distinct r.reason) filter (where r.id is not null), '{}') as reasons,
                coalesce((array_agg(r.note order by r.created_at desc) filter (where r.note <> ''))[1:5], '{}') as notes,
                max(r.created_at)::text as "lastReportAt"
           from hearth.companions c
           join hearth.users u on u.id = c.owner_id
           left join hearth.companion_reports r on r.companion_id = c.id and r.resolved_at is null
          where (select hearth.is_admin()) and c.owner_id is not null and (r.id is not null or (c.audience = 'public' and c.archived_at is null))
          group by c.id, u.name, u.email
          order by count(r.id) desc, max(r.created_at) desc nulls last, c.updated_at desc
          limit 200`,
      ),
    db,
  );
}

async function state(tx: Queryable, id: string): Promise<ModeratedCompanion> {
  const [row] = await tx.query<ModeratedCompanion>(
    `select ${STATE}, 0 as "openReports", '{}'::text[] as reasons, '{}'::text[] as notes, null as "lastReportAt"
       from hearth.companions c join hearth.users u on u.id = c.owner_id where c.id = $1 for update of c`,
    [id],
  );
  if (!row) throw new HearthError('not_found', 'There is no such companion of a person’s.');
  return row;
}

const pick = ({ hidden, featured, removed, nsfw, audience }: ModeratedCompanion) => ({
  hidden,
  featured,
  removed,
  nsfw,
  audience,
});

/** Applies one moderation action to a person's companion, resolves the reports it answers, audits it. */
export async function moderateCompanion(
  admin: UserScope,
  id: string,
  action: unknown,
  db?: Database,
): Promise<ModeratedCompanion> {
  const companionId = parseWith(uuid, id);
  const chosen = parseWith(moderation, action);
  return withUser(
    admin,
    async (tx) => {
      const before = await state(tx, companionId);
      const change = chosen === 'dismiss' ? { resolution: 'dismissed' } : CHANGES[chosen];
      if ('set' in change) {
        await tx.query(`update hearth.companions set ${change.set}, updated_at = now() where id = $1`, [companionId]);
      }
      if (change.resolution) {
        await tx.query(
          `update hearth.companion_reports set resolved_at = now(), resolved_by = hearth.requesting_user_id(), resolution = $2
            where companion_id = $1 and resolved_at is null`,
          [companionId, change.resolution],
        );
      }
      const after = await state(tx, companionId);
      await writeAudit(tx, {
        action: `companion.${chosen}` as AuditAction,
        targetType: 'companion',
        targetId: companionId,
        before: pick(before),
        after: pick(after),
      });
      return after;
    },
    db,
  );
}
