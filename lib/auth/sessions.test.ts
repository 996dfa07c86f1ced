import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUser } from '@/lib/admin/users';
import type { Database } from '@/lib/db';
import { withAnon, withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { SESSION_STATE_TTL_MS, sessionIsCurrent, sessionState, type SessionClaims } from './session-state';
import { bumpSessionVersion } from './session-version';
import { endAllSessions, endSession, endSessionAtSignOut, listSessions, startSession } from './sessions';

const seen = { userAgent: 'Firefox on Linux', address: '203.0.113.9' };

describe.each(TEST_DATABASES)('sessions on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  /** The claims of a token issued now for this user (a sign-in). */
  async function signIn(user: { id: string }, role: 'user' | 'admin' = 'user'): Promise<SessionClaims> {
    const started = await startSession(user.id, seen, db);
    return { id: user.id, role, isGuest: false, sessionId: started!.sessionId, version: started!.version };
  }
  // Every check reads the database afresh: the cache would hide what these tests look at.
  const current = (claims: SessionClaims) => sessionIsCurrent(claims, { db, now: Date.now() + Math.random() * 1e9 });
  const makeAdmin = async (id: string) => {
    await db.query("update hearth.users set role = 'admin' where id = $1", [id]);
  };

  it('records a session at sign-in, lists it for its owner only, and ends it', async () => {
    const alice = await createTestUser(db, 'alice');
    const bob = await createTestUser(db, 'bob');
    const laptop = await signIn(alice);
    const phone = await signIn(alice);
    expect(await current(laptop)).toBe(true);

    const listed = await listSessions(alice, laptop.sessionId, db);
    expect(listed.map((s) => [s.id, s.current, s.userAgent, s.address])).toEqual(
      expect.arrayContaining([
        [laptop.sessionId, true, 'Firefox on Linux', '203.0.113.9'],
        [phone.sessionId, false, 'Firefox on Linux', '203.0.113.9'],
      ]),
    );
    expect(await listSessions(bob, null, db)).toEqual([]);
    await expect(endSession(bob, phone.sessionId!, db)).rejects.toMatchObject({ status: 404 });
    expect(await current(phone)).toBe(true);

    await endSession(alice, phone.sessionId!, db);
    expect(await current(phone)).toBe(false);
    expect(await current(laptop)).toBe(true);
    expect((await listSessions(alice, laptop.sessionId, db)).map((s) => s.id)).toEqual([laptop.sessionId]);
  });

  it('ends the session on sign-out, so a copy of the token is refused', async () => {
    const user = await createTestUser(db, 'leaving');
    const token = await signIn(user);
    const other = await signIn(user);
    await endSessionAtSignOut(token, db);
    expect(await current(token)).toBe(false);
    expect(await current(other)).toBe(true);
  });

  it('signs out everywhere by raising the version, and a token from before sessions were recorded with it', async () => {
    const user = await createTestUser(db, 'everywhere');
    const legacy: SessionClaims = { id: user.id, role: 'user', isGuest: false, sessionId: null, version: 0 };
    const recorded = await signIn(user);
    expect(await current(legacy)).toBe(true);
    await endAllSessions(user, db);
    expect(await current(legacy)).toBe(false);
    expect(await current(recorded)).toBe(false);
    expect(await listSessions(user, null, db)).toEqual([]);
    const after = await signIn(user);
    expect(after.version).toBe(1);
    expect(await current(after)).toBe(true);
  });

  it('keeps the one session asked for when the version goes up (a password change)', async () => {
    const user = await createTestUser(db, 'changer');
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const version = await withUser(user, (tx) => bumpSessionVersion(user.id, tx, here.sessionId), db);
    expect(version).toBe(here.version + 1);
    expect(await current({ ...here, version })).toBe(true);
    expect(await current(here)).toBe(false); // its old token, until re-issued with the new version
    expect(await current({ ...elsewhere, version })).toBe(false);
    expect((await listSessions(user, here.sessionId, db)).map((s) => s.id)).toEqual([here.sessionId]);
  });

  it('ends every session when an admin disables the account or changes its role, whatever changes the row', async () => {
    const admin = await createTestUser(db, 'admin');
    await makeAdmin(admin.id);
    const target = await createTestUser(db, 'target');
    const before = await signIn(target);
    await updateUser(admin, target.id, { disabled: true }, db);
    expect(await current(before)).toBe(false);
    // Enabling the account again does not bring old tokens back.
    await updateUser(admin, target.id, { disabled: false }, db);
    expect(await current(before)).toBe(false);

    const promoted = await signIn(target);
    await updateUser(admin, target.id, { role: 'admin' }, db);
    expect(await current(promoted)).toBe(false);
    const asAdmin = await signIn(target, 'admin');
    // A maintenance UPDATE outside any scope (npm run admin:grant does one) ends them as well.
    await db.query("update hearth.users set role = 'user' where id = $1", [target.id]);
    expect(await current(asAdmin)).toBe(false);
    // A token that claims a role the account does not have is refused, even at the right version.
    expect(await current({ ...(await signIn(target)), role: 'admin' })).toBe(false);
  });

  it('never lets the version go down, which would bring old tokens back', async () => {
    const user = await createTestUser(db, 'rewinder');
    const first = await signIn(user);
    await endAllSessions(user, db);
    // Even the owner of the table, outside any scope, cannot set it back.
    await db.query('update hearth.users set session_version = 0 where id = $1', [user.id]);
    expect((await sessionState(user.id, null, { db, now: Date.now() + 1e10 }))!.version).toBe(1);
    expect(await current(first)).toBe(false);
  });

  it('starts no session for a disabled account, and knows no state for a deleted one', async () => {
    const user = await createTestUser(db, 'disabled');
    await db.query('update hearth.users set disabled_at = now() where id = $1', [user.id]);
    expect(await startSession(user.id, seen, db)).toBeNull();
    const gone = await createTestUser(db, 'gone');
    const claims = await signIn(gone);
    await db.query('delete from hearth.users where id = $1', [gone.id]);
    expect(await current(claims)).toBe(false);
  });

  it("keeps sessions out of everyone else's reach: no reading, ending or making them but through the functions", async () => {
    const owner = await createTestUser(db, 'owner');
    const other = await createTestUser(db, 'other');
    const mine = await signIn(owner);
    expect(await withUser(other, (tx) => tx.query('select id from hearth.sessions'), db)).toEqual([]);
    await expect(
      withUser(
        owner,
        (tx) => tx.query('update hearth.sessions set ended_at = null where id = $1', [mine.sessionId]),
        db,
      ),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await expect(withAnon((tx) => tx.query('select id from hearth.sessions'), db)).rejects.toMatchObject({
      code: '42501',
    });
    // The version function only ever raises the caller's own.
    const [row] = await withUser(
      other,
      (tx) => tx.query<{ v: number | null }>('select hearth.bump_session_version($1, null) as v', [owner.id]),
      db,
    );
    expect(row!.v).toBeNull();
    expect(await current(mine)).toBe(true);
  });

  it('trusts what it read for a few seconds, not longer, and forgets it at once when this process changes it', async () => {
    const user = await createTestUser(db, 'cached');
    const claims = await signIn(user);
    const t0 = Date.now() + 1e11;
    expect(await sessionIsCurrent(claims, { db, now: t0 })).toBe(true);
    await db.query('update hearth.users set disabled_at = now() where id = $1', [user.id]); // another server's change
    expect(await sessionIsCurrent(claims, { db, now: t0 + SESSION_STATE_TTL_MS - 1 })).toBe(true);
    expect(await sessionIsCurrent(claims, { db, now: t0 + SESSION_STATE_TTL_MS })).toBe(false);
    await db.query('update hearth.users set disabled_at = null where id = $1', [user.id]);
    const fresh = await signIn(user);
    expect(await sessionIsCurrent(fresh, { db, now: t0 + 2 * SESSION_STATE_TTL_MS })).toBe(true);
    await endSession(user, fresh.sessionId!, db); // this process: forgotten at once
    expect(await sessionIsCurrent(fresh, { db, now: t0 + 2 * SESSION_STATE_TTL_MS + 1 })).toBe(false);
  });

  it('touches last_seen_at at most once an hour, and lists only sessions seen within a token’s life', async () => {
    const user = await createTestUser(db, 'idle');
    const claims = await signIn(user);
    await db.query("update hearth.sessions set last_seen_at = now() - interval '2 hours' where id = $1", [
      claims.sessionId,
    ]);
    await current(claims);
    const [touched] = await db.query<{ recent: boolean }>(
      "select last_seen_at > now() - interval '1 minute' as recent from hearth.sessions where id = $1",
      [claims.sessionId],
    );
    expect(touched!.recent).toBe(true);
    const stale = await signIn(user);
    await db.query("update hearth.sessions set last_seen_at = now() - interval '31 days' where id = $1", [
      stale.sessionId,
    ]);
    expect((await listSessions(user, null, db)).map((s) => s.id)).toEqual([claims.sessionId]);
  });
});
