import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { listAudit } from '@/lib/admin/audit';
import { listCompanions } from '@/lib/companions/queries';
import { withAnon, withUser } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { makeAdmin } from '@/lib/testing/admin-user';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { rejects } from '@/lib/testing/rejection';
import { DEFAULT_PERSONA } from '@/lib/personas/schemas';
import { createPersona } from '@/lib/personas/service';
import { listUsers, updateUser } from './users';

// The PostgreSQL test database outlives a run: slugs carry a per-run suffix.
const run = crypto.randomUUID().slice(0, 8);

describe.each(TEST_DATABASES)('admin on $name', ({ open }) => {
  let db: Database;
  let admin: { id: string; role: 'admin' };
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    admin = await makeAdmin(db, 'admin');
    user = await createTestUser(db, 'plain');
  });
  afterAll(() => db?.close());

  it('refuses companion writes to a non-admin, even as raw SQL in their own scope', async () => {
    const [target] = await withAnon(listCompanions, db);
    const insert = await rejects(
      withUser(
        user,
        (tx) =>
          tx.query(
            "insert into hearth.companions (slug, name, tagline, description, instructions, greeting, avatar_url) values ('evil', 'Evil', '', '', '', '', '/x.svg')",
          ),
        db,
      ),
    );
    expect((insert as { code?: string }).code).toBe('42501');
    const updated = await withUser(
      user,
      (tx) => tx.query("update hearth.companions set name = 'Pwned' where id = $1 returning id", [target!.id]),
      db,
    );
    expect(updated).toEqual([]);
    const ownRole = await rejects(
      withUser(
        user,
        (tx) => tx.query("update hearth.users set role = 'admin' where id = hearth.requesting_user_id()"),
        db,
      ),
    );
    expect((ownRole as { code?: string }).code).toBe('42501');
    const viaFunction = await rejects(
      withUser(user, (tx) => tx.query('select * from hearth.admin_update_user($1, $2, null)', [user.id, 'admin']), db),
    );
    expect((viaFunction as { code?: string }).code).toBe('42501');
    // Claims that say admin change nothing: the role is read from the users table.
    const claimed = await db.transaction(async (tx) => {
      await tx.query(
        "select set_config('hearth.user_id', $1, true), set_config('request.jwt.claims', $2, true), set_config('role', 'hearth_user', true)",
        [user.id, JSON.stringify({ sub: user.id, role: 'admin', app_role: 'admin' })],
      );
      return tx.query("update hearth.companions set name = 'Pwned' returning id");
    });
    expect(claimed).toEqual([]);
    const [row] = await db.query<{ name: string }>('select name from hearth.companions where id = $1', [target!.id]);
    expect(row!.name).toBe(target!.name);
    expect(await withUser(user, (tx) => tx.query('select hearth.is_admin() as admin'), db)).toEqual([{ admin: false }]);
  });

  it('keeps the audit log, rollups, versions and drafts away from non-admins', async () => {
    await createPersona(admin, { ...DEFAULT_PERSONA, name: 'Secret Draft', slug: `secret-draft-${run}` }, { db });
    const seen = await withUser(
      user,
      async (tx) => ({
        audit: await tx.query('select * from hearth.audit_log'),
        versions: await tx.query('select * from hearth.companion_versions'),
        draft: await tx.query('select id from hearth.companions where slug = $1', [`secret-draft-${run}`]),
        usage: await tx.query('select * from hearth.usage_daily'),
        users: await tx.query('select id from hearth.users where id <> hearth.requesting_user_id()'),
      }),
      db,
    );
    expect(seen).toEqual({ audit: [], versions: [], draft: [], usage: [], users: [] });
    const write = await rejects(
      withUser(
        user,
        (tx) => tx.query("insert into hearth.audit_log (action, target_type) values ('persona.create', 'companion')"),
        db,
      ),
    );
    expect((write as { code?: string }).code).toBe('42501');
    expect(await withUser(admin, (tx) => tx.query('select id from hearth.audit_log'), db)).not.toEqual([]);
    const refresh = await rejects(withUser(user, (tx) => tx.query('select hearth.refresh_usage_rollups()'), db));
    expect((refresh as { code?: string }).code).toBe('42501');
  });

  it('disables a user: no sign-in, no API keys; enabling restores both; audited', async () => {
    const victim = await createTestUser(db, 'victim');
    const [{ email }] = (await db.query<{ email: string }>('select email from hearth.users where id = $1', [
      victim.id,
    ])) as [{ email: string }];
    const hash = (run + crypto.randomUUID()).replace(/-/g, '').padEnd(64, 'a').slice(0, 64);
    await withUser(
      victim,
      (tx) => tx.query("insert into hearth.api_keys (name, prefix, key_hash) values ('k', 'hk_aaaa', $1)", [hash]),
      db,
    );
    const signIn = () => withAnon((tx) => tx.query('select id from hearth.auth_credentials($1)', [email]), db);
    const apiKey = () => withAnon((tx) => tx.query('select user_id from hearth.auth_api_key($1)', [hash]), db);
    expect([(await signIn()).length, (await apiKey()).length]).toEqual([1, 1]);

    await updateUser(admin, victim.id, { disabled: true }, db);
    expect([(await signIn()).length, (await apiKey()).length]).toEqual([0, 0]);
    // A session still open in their browser can read but no longer write.
    const [companion] = await withAnon(listCompanions, db);
    const write = await rejects(
      withUser(
        victim,
        (tx) =>
          tx.query('insert into hearth.conversations (companion_id, model) values ($1, $2)', [
            companion!.id,
            'offline/hearth-demo',
          ]),
        db,
      ),
    );
    expect((write as { code?: string }).code).toBe('42501');
    await updateUser(admin, victim.id, { disabled: false, role: 'admin' }, db);
    expect([(await signIn()).length, (await apiKey()).length]).toEqual([1, 1]);

    const audit = await withUser(admin, (tx) => listAudit(tx, { targetId: victim.id }), db);
    expect(audit.map((a) => a.action).sort()).toEqual(['user.disable', 'user.enable', 'user.role']);
    const self = await rejects(updateUser(admin, admin.id, { disabled: true }, db));
    expect(isHearthError(self) && self.code).toBe('forbidden');
    const rows = await listUsers(admin, { q: email.slice(0, 12) }, db);
    expect(rows.map((r) => r.id)).toContain(victim.id);
  });
});
