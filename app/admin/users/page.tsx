import Link from 'next/link';
import { UserRowActions } from '@/components/admin/user-row-actions';
import { buttonStyles } from '@/components/ui/button';
import { listUsers } from '@/lib/admin/users';
import { requireAdminPage } from '@/lib/auth/roles';
import { shortTime } from '@/lib/format';
import { searchQuery } from '@/lib/validation/search';
import { TableScroller } from '@/components/admin/table-scroller';

export const metadata = { title: 'Users' };

type Props = { searchParams: Promise<{ q?: string; role?: string }> };

export default async function UsersPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const { q: rawQ, role: rawRole } = await searchParams;
  // A search the database could not take (a control character) is no search, not an error page.
  const q = searchQuery.safeParse(rawQ).data ?? '';
  const role = rawRole === 'admin' || rawRole === 'user' ? rawRole : undefined;
  const users = await listUsers(admin, { q: q || undefined, role, limit: 200 });

  return (
    <>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-ink-soft">
          Roles and access. A disabled account cannot sign in and its API keys stop working. Conversations stay private.
        </p>
      </header>
      <form method="get" role="search" aria-label="Search users" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs text-ink-faint">
          Search
          <input
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Email or name"
            className="rounded-xl border border-line bg-raised px-3 py-2 text-sm outline-none focus:border-ember-400"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-ink-faint">
          Role
          <select
            name="role"
            defaultValue={role ?? ''}
            className="rounded-xl border border-line bg-raised px-3 py-2 text-sm"
          >
            <option value="">Any</option>
            <option value="admin">Admins</option>
            <option value="user">Users</option>
          </select>
        </label>
        <button type="submit" className={buttonStyles.secondary}>
          Search
        </button>
        {(q || role) && (
          <Link href="/admin/users" className={buttonStyles.ghost}>
            Clear
          </Link>
        )}
      </form>
      {users.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-line p-10 text-center">
          <p className="font-medium">No account matches.</p>
          <p className="mt-1 text-sm text-ink-soft">Search by part of an email address or a name.</p>
        </div>
      ) : (
        <TableScroller label="Accounts">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Accounts</caption>
            <thead className="border-b border-line text-xs text-ink-faint">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Account
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">
                  Status
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
                  Active days
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
                  Joined
                </th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">
                  Role and access
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {users.map((u) => {
                const label = u.email ?? u.name ?? (u.isGuest ? 'Guest' : 'Account');
                return (
                  <tr key={u.id}>
                    <td className="max-w-64 px-4 py-3">
                      <span className="block truncate font-medium">{u.isGuest ? 'Guest' : (u.name ?? u.email)}</span>
                      <span className="block truncate text-xs text-ink-faint">
                        {u.isGuest ? `Guest · ${u.id.slice(0, 8)}` : u.email}
                      </span>
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      {u.disabledAt ? (
                        <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-300">
                          Disabled
                        </span>
                      ) : (
                        <span className="text-xs text-ink-soft">Active</span>
                      )}
                      {u.role === 'admin' && (
                        <span className="ml-1.5 rounded-full bg-ember-100 px-2 py-0.5 text-xs font-medium text-ember-900 dark:bg-ember-950 dark:text-ember-200">
                          Admin
                        </span>
                      )}
                    </td>
                    <td className="hidden px-4 py-3 text-xs text-ink-soft md:table-cell">{u.activeDays}</td>
                    <td className="hidden px-4 py-3 text-xs text-ink-faint md:table-cell">{shortTime(u.createdAt)}</td>
                    <td className="px-4 py-3 text-right">
                      <UserRowActions
                        id={u.id}
                        label={label}
                        role={u.role}
                        disabled={Boolean(u.disabledAt)}
                        self={u.id === admin.id}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}
