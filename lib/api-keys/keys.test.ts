import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { createApiKey, generateApiKey, hashApiKey, listApiKeys, resolveApiKey, revokeApiKey } from './keys';

describe('API key format', () => {
  it('is hk_ and 43 base64url characters, different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, generateApiKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
  });

  it('hashes with SHA-256 to 64 hex characters', () => {
    expect(hashApiKey('hk_test')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey('hk_test')).toBe(hashApiKey('hk_test'));
    expect(hashApiKey('hk_test')).not.toBe(hashApiKey('hk_tesu'));
  });
});

describe.each(TEST_DATABASES)('API keys on $name', ({ open }) => {
  let db: Database;
  let alice: { id: string };
  let bob: { id: string };

  beforeAll(async () => {
    db = await open();
    alice = await createTestUser(db, 'alice');
    bob = await createTestUser(db, 'bob');
  });

  afterAll(() => db?.close());

  it('shows the key once and stores only its hash', async () => {
    const created = await createApiKey(alice, 'Laptop script', db);
    expect(created).toMatchObject({ name: 'Laptop script', prefix: created.key.slice(0, 10), lastUsedAt: null });
    expect(created.key).toMatch(/^hk_/);

    const listed = await listApiKeys(alice, db);
    const mine = listed.find((k) => k.id === created.id);
    expect(mine).toEqual({
      id: created.id,
      name: 'Laptop script',
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);

    // As the table's owner, outside any scope: no column holds the key, one holds its hash.
    const [row] = await db.query<Record<string, unknown>>('select * from hearth.api_keys where id = $1', [created.id]);
    expect(
      Object.values(row!)
        .map(String)
        .some((value) => value.includes(created.key.slice(3))),
    ).toBe(false);
    expect(row!.key_hash).toBe(hashApiKey(created.key));
  });

  it('resolves a live key to its owner and records the use, at most once a minute', async () => {
    const { id, key } = await createApiKey(alice, 'CI', db);
    const lastUsed = async () => (await listApiKeys(alice, db)).find((k) => k.id === id)!.lastUsedAt;
    const usedAgo = (interval: string) =>
      db.query(`update hearth.api_keys set last_used_at = now() - $2::interval where id = $1`, [id, interval]);

    expect(await resolveApiKey(key, db)).toEqual({ id: alice.id, role: 'user' });
    expect(await lastUsed()).toBeInstanceOf(Date);

    await usedAgo('30 seconds');
    const recent = await lastUsed();
    await resolveApiKey(key, db);
    expect(await lastUsed()).toEqual(recent);

    await usedAgo('2 minutes');
    const old = await lastUsed();
    await resolveApiKey(key, db);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old!.getTime() + 60_000);
  });

  it('resolves an unknown, malformed or revoked key to null', async () => {
    expect(await resolveApiKey(generateApiKey(), db)).toBeNull();
    expect(await resolveApiKey('not-a-key', db)).toBeNull();
    expect(await resolveApiKey('', db)).toBeNull();

    const { id, key } = await createApiKey(alice, 'Soon revoked', db);
    await revokeApiKey(alice, id, db);
    expect(await resolveApiKey(key, db)).toBeNull();
    expect((await listApiKeys(alice, db)).map((k) => k.id)).not.toContain(id);
    await expect(revokeApiKey(alice, id, db)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps another user away from my keys, even with raw SQL in their scope', async () => {
    const { id, key } = await createApiKey(alice, 'Private', db);

    expect(await listApiKeys(bob, db)).toEqual([]);
    await expect(revokeApiKey(bob, id, db)).rejects.toMatchObject({ status: 404, type: 'not_found_error' });

    const seen = await withUser(
      bob,
      async (tx) => ({
        all: await tx.query('select id from hearth.api_keys'),
        revoked: await tx.query('update hearth.api_keys set revoked_at = now() where id = $1 returning id', [id]),
      }),
      db,
    );
    expect(seen).toEqual({ all: [], revoked: [] });
    expect(await resolveApiKey(key, db)).toEqual({ id: alice.id, role: 'user' });
  });

  it('does not let a user read hashes, delete keys or plant a key on someone else', async () => {
    const { id } = await createApiKey(alice, 'Mine', db);
    await expect(withUser(alice, (tx) => tx.query('select key_hash from hearth.api_keys'), db)).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      withUser(alice, (tx) => tx.query('delete from hearth.api_keys where id = $1', [id]), db),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      withUser(
        bob,
        (tx) =>
          tx.query("insert into hearth.api_keys (user_id, name, prefix, key_hash) values ($1, 'x', 'hk_x', $2)", [
            alice.id,
            hashApiKey(generateApiKey()),
          ]),
        db,
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
