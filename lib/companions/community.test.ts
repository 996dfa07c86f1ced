import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/admin/audit';
import { startConversation } from '@/lib/conversations/service';
import { moderateCompanion, moderationQueue } from '@/lib/admin/moderation';
import type { Database } from '@/lib/db';
import type { Queryable } from '@/lib/db/client';
import { withAnon, withUser } from '@/lib/db/scope';
import { toHearthError } from '@/lib/errors';
import { makeAdmin } from '@/lib/testing/admin-user';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { rejects } from '@/lib/testing/rejection';
import { confirmAdult, likeCompanion, likesOf, reportCompanion } from './community';
import { communityCompanions, createOwnCompanion, ownCompanionModels, saveOwnCompanion } from './own';
import { DEFAULT_OWN_COMPANION, type Audience } from './own-schemas';

describe.each(TEST_DATABASES)('the Community on $name', ({ open }) => {
  let db: Database;
  let model: string;
  const run = crypto.randomUUID().slice(0, 8);
  const tag = `community-${run}`;
  const companion = (name: string, audience: Audience = 'public', more: object = {}) => ({
    ...DEFAULT_OWN_COMPANION,
    name,
    instructions: `You are ${name}.`,
    specialties: [tag],
    model,
    audience,
    ...more,
  });
  const listed = async (user: { id: string }, only = tag) =>
    (await communityCompanions(user, { tag: only }, db)).map((c) => [c.name, c.likes, c.liked, c.featured]);
  const readable = (user: { id: string } | null, id: string) => {
    const read = (tx: Queryable) => tx.query('select 1 from hearth.companions where id = $1', [id]);
    return user ? withUser(user, read, db) : withAnon(read, db);
  };

  beforeAll(async () => {
    db = await open();
    model = (await ownCompanionModels(await createTestUser(db, 'community-models'), db))[0]!;
  });
  afterAll(() => db?.close());

  it('counts likes once per person, and lets people take theirs back', async () => {
    const owner = await createTestUser(db, 'liked-owner');
    const fan = await createTestUser(db, 'fan');
    const other = await createTestUser(db, 'other-fan');
    const liked = await createOwnCompanion(owner, companion(`Liked ${run}`), { db });
    await likeCompanion(fan, liked.id, true, db);
    await likeCompanion(fan, liked.id, true, db);
    await likeCompanion(other, liked.id, true, db);
    expect(await listed(fan)).toEqual([[`Liked ${run}`, 2, true, false]]);
    expect(await likesOf(fan, liked.id, db)).toEqual({ likes: 2, liked: true });
    await likeCompanion(fan, liked.id, false, db);
    expect(await listed(fan)).toEqual([[`Liked ${run}`, 1, false, false]]);
    expect(await likesOf(fan, liked.id, db)).toEqual({ likes: 1, liked: false });

    // A private companion of someone else's cannot be liked (it is not there), nor its likes read.
    const secret = await createOwnCompanion(owner, companion(`Secret ${run}`, 'private'), { db });
    await expect(likeCompanion(fan, secret.id, true, db)).rejects.toMatchObject({ status: 404 });
    const raw = await rejects(
      withUser(fan, (tx) => tx.query('insert into hearth.companion_likes (companion_id) values ($1)', [secret.id]), db),
    );
    expect(raw).toMatchObject({ code: '42501' });
    const others = await withUser(
      fan,
      (tx) => tx.query('select * from hearth.companion_likes where user_id = $1', [other.id]),
      db,
    );
    expect(others).toEqual([]);
  });

  it('reports once per person into the admins’ queue; a hide answers them, is audited, and closes the companion to new people', async () => {
    const owner = await createTestUser(db, 'reported-owner');
    const reporter = await createTestUser(db, 'reporter');
    const second = await createTestUser(db, 'second-reporter');
    const talker = await createTestUser(db, 'talker');
    const admin = await makeAdmin(db, `moderator-${run}`);
    const reported = await createOwnCompanion(owner, companion(`Reported ${run}`), { db });
    await withUser(
      talker,
      (tx) =>
        tx.query("insert into hearth.conversations (user_id, companion_id, title, model) values ($1, $2, 'Hi', $3)", [
          talker.id,
          reported.id,
          model,
        ]),
      db,
    );

    await reportCompanion(reporter, reported.id, { reason: 'harassment', note: 'It insults people.' }, db);
    await reportCompanion(reporter, reported.id, { reason: 'spam', note: '' }, db);
    await reportCompanion(second, reported.id, { reason: 'hate', note: '' }, db);
    await expect(reportCompanion(owner, reported.id, { reason: 'spam', note: '' }, db)).rejects.toMatchObject({
      status: 400,
    });
    for (const bad of [
      { reason: 'nope', note: '' },
      { reason: 'spam', note: 'x'.repeat(1001) },
      { reason: 'spam', note: 'a\u0000' },
    ])
      await expect(reportCompanion(reporter, reported.id, bad, db)).rejects.toMatchObject({ status: 400 });
    // People read only their own reports; nobody but an admin resolves one.
    expect(
      await withUser(
        second,
        (tx) => tx.query('select reason from hearth.companion_reports where companion_id = $1', [reported.id]),
        db,
      ),
    ).toEqual([{ reason: 'hate' }]);
    const selfResolved = await withUser(
      reporter,
      (tx) =>
        tx.query(
          "update hearth.companion_reports set resolved_at = now(), resolution = 'dismissed' where companion_id = $1 returning id",
          [reported.id],
        ),
      db,
    );
    expect(selfResolved).toEqual([]);

    const queued = (await moderationQueue(admin, db)).find((c) => c.id === reported.id)!;
    expect(queued).toMatchObject({ openReports: 2, notes: ['It insults people.'], hidden: false });
    expect([...queued.reasons].sort()).toEqual(['harassment', 'hate']);
    await expect(moderationQueue(owner, db)).resolves.toEqual([]);

    const hidden = await moderateCompanion(admin, reported.id, 'hide', db);
    expect(hidden).toMatchObject({ hidden: true });
    expect((await moderationQueue(admin, db)).find((c) => c.id === reported.id)?.openReports ?? 0).toBe(0);
    expect((await listed(reporter)).map(([name]) => name)).not.toContain(`Reported ${run}`);
    expect(await readable(reporter, reported.id)).toEqual([]);
    expect(await readable(null, reported.id)).toEqual([]);
    expect(await readable(talker, reported.id)).toHaveLength(1);
    expect(await readable(owner, reported.id)).toHaveLength(1);
    const [entry] = await withUser(admin, (tx) => listAudit(tx, { targetId: reported.id }), db);
    expect(entry).toMatchObject({ action: 'companion.hide', before: { hidden: false }, after: { hidden: true } });

    // The owner cannot undo a moderator's hide, feature themselves, or moderate by raw SQL.
    for (const change of ['hidden_at = null', 'featured_at = now()', 'nsfw_locked = true']) {
      const refused = await rejects(
        withUser(owner, (tx) => tx.query(`update hearth.companions set ${change} where id = $1`, [reported.id]), db),
      );
      expect(toHearthError(refused)).toMatchObject({ status: 403 });
    }
    expect(toHearthError(await rejects(moderateCompanion(owner, reported.id, 'unhide', db)))).toMatchObject({
      status: 403,
      message: 'Only admins can hide, feature or re-label a companion.',
    });
    await expect(moderateCompanion(admin, reported.id, 'explode', db)).rejects.toMatchObject({ status: 400 });
  });

  it('features first, re-labels NSFW for good, keeps NSFW out of the Community until the person confirms their age', async () => {
    const owner = await createTestUser(db, 'labelled-owner');
    const reader = await createTestUser(db, 'reader');
    const admin = await makeAdmin(db, `labeller-${run}`);
    const labels = { specialties: [`labels-${run}`] };
    const plain = await createOwnCompanion(owner, companion(`Plain ${run}`, 'public', labels), { db });
    const spicy = await createOwnCompanion(owner, companion(`Spicy ${run}`, 'public', labels), { db });
    await moderateCompanion(admin, plain.id, 'feature', db);
    await moderateCompanion(admin, spicy.id, 'relabel_nsfw', db);

    expect(await listed(reader, `labels-${run}`)).toEqual([[`Plain ${run}`, 0, false, true]]);
    // Nor can they start talking with it by its link, until they confirm; its owner always can.
    const gated = toHearthError(await rejects(startConversation(reader, { companion: spicy.id }, db)));
    expect(gated).toMatchObject({ status: 403, message: expect.stringMatching(/^This companion is for adults/) });
    await startConversation(owner, { companion: spicy.id }, db);
    await confirmAdult(reader, true, db);
    await startConversation(reader, { companion: spicy.id }, db);
    expect((await listed(reader, `labels-${run}`)).map(([name]) => name)).toEqual([`Plain ${run}`, `Spicy ${run}`]);

    const unlabel = await rejects(
      saveOwnCompanion(owner, spicy.id, companion(`Spicy ${run}`, 'public', { ...labels, nsfw: false }), { db }),
    );
    expect(toHearthError(unlabel)).toMatchObject({ status: 403, param: 'nsfw' });
    // Saving with the label kept is fine: the lock only stops taking it off.
    await saveOwnCompanion(
      owner,
      spicy.id,
      companion(`Spicy ${run}`, 'public', { ...labels, nsfw: true, tagline: 'Edited' }),
      {
        db,
      },
    );

    await moderateCompanion(admin, plain.id, 'remove', db);
    expect((await listed(reader, `labels-${run}`)).map(([name]) => name)).toEqual([`Spicy ${run}`]);
  });
});
