import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';
import { companionReport } from './report-reasons';

// What people do in the Community besides talking: like, report, and say they are adults.

const NOT_FOUND = 'There is no such companion.';

/** Likes or unlikes a companion the person can read; either twice is the same as once. */
export async function likeCompanion(user: UserScope, id: string, liked: boolean, db?: Database): Promise<void> {
  const companionId = parseWith(uuid, id);
  await withUser(
    user,
    async (tx) => {
      if (!liked) {
        await tx.query(
          'delete from hearth.companion_likes where companion_id = $1 and user_id = hearth.requesting_user_id()',
          [companionId],
        );
        return;
      }
      const [readable] = await tx.query('select 1 from hearth.companions where id = $1', [companionId]);
      if (!readable) throw new HearthError('not_found', NOT_FOUND);
      await tx.query('insert into hearth.companion_likes (companion_id) values ($1) on conflict do nothing', [
        companionId,
      ]);
    },
    db,
  );
}

/**
 * Files a report for the admins' queue. One open report per person and companion: reporting again
 * before an admin looked is the same report. People cannot report their own companions.
 */
export async function reportCompanion(user: UserScope, id: string, input: unknown, db?: Database): Promise<void> {
  const companionId = parseWith(uuid, id);
  const { reason, note } = parseWith(companionReport, input);
  await withUser(
    user,
    async (tx) => {
      const [companion] = await tx.query<{ own: boolean }>(
        'select owner_id is not distinct from hearth.requesting_user_id() as own from hearth.companions where id = $1',
        [companionId],
      );
      if (!companion) throw new HearthError('not_found', NOT_FOUND);
      if (companion.own) throw new HearthError('bad_request', 'This companion is yours: edit or remove it instead.');
      await tx.query(
        `insert into hearth.companion_reports (companion_id, reason, note) values ($1, $2, $3)
         on conflict (companion_id, reporter_id) where resolved_at is null do nothing`,
        [companionId, reason, note],
      );
    },
    db,
  );
}

/** Whether the person has said they are an adult (NSFW companions show in the Community then). */
export async function adultConfirmed(user: UserScope, db?: Database): Promise<boolean> {
  const [row] = await withUser(
    user,
    (tx) =>
      tx.query<{ confirmed: boolean }>(
        'select adult_confirmed_at is not null as confirmed from hearth.users where id = hearth.requesting_user_id()',
      ),
    db,
  );
  return Boolean(row?.confirmed);
}

export async function confirmAdult(user: UserScope, confirmed: boolean, db?: Database): Promise<void> {
  await withUser(
    user,
    (tx) =>
      tx.query(
        `update hearth.users set adult_confirmed_at = ${confirmed ? 'coalesce(adult_confirmed_at, now())' : 'null'}
          where id = hearth.requesting_user_id()`,
      ),
    db,
  );
}

/**
 * A person's companion's likes as its page shows them: the Community's count for a public one
 * (people read only their own likes), and whether the reader liked it.
 */
export async function likesOf(
  user: UserScope,
  companionId: string,
  db?: Database,
): Promise<{ likes: number; liked: boolean }> {
  const [row] = await withUser(
    user,
    (tx) =>
      tx.query<{ likes: number; liked: boolean }>(
        `with mine as (
           select exists (select 1 from hearth.companion_likes
                           where companion_id = $1 and user_id = hearth.requesting_user_id()) as liked
         )
         select greatest(coalesce((select s.likes from hearth.community_stats(array[$1::uuid]) s), 0), mine.liked::int)::int
                  as likes,
                mine.liked
           from mine`,
        [companionId],
      ),
    db,
  );
  return row ?? { likes: 0, liked: false };
}
