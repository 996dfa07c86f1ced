import Link from 'next/link';
import { connection } from 'next/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { Logo } from '@/components/ui/logo';
import { requireAdminPage } from '@/lib/auth/roles';

export const metadata = { title: { template: '%s · Hearth admin', default: 'Hearth admin' } };

/** The admin dashboard: middleware turned away tokens without the role; this re-checks the database. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const admin = await requireAdminPage();
  return (
    <div className="flex min-h-dvh flex-col md:h-dvh md:flex-row md:overflow-hidden">
      <aside className="shrink-0 border-b border-line bg-raised md:flex md:w-56 md:flex-col md:border-r md:border-b-0">
        <div className="flex items-center justify-between gap-2 px-4 pt-3 pb-2 md:pt-4">
          <Link href="/" className="rounded-lg" aria-label="Back to Hearth">
            <Logo />
          </Link>
          <span className="rounded-full bg-ember-100 px-2 py-0.5 text-[11px] font-semibold tracking-wide text-ember-900 uppercase dark:bg-ember-950 dark:text-ember-200">
            Admin
          </span>
        </div>
        <AdminNav />
        <div className="mt-auto hidden border-t border-line p-3 text-xs text-ink-faint md:block">
          <p className="truncate">{admin.email ?? admin.name}</p>
          <p className="mt-1">You see usage in aggregate, never anyone’s messages.</p>
          <Link href="/" className="mt-2 inline-block text-ink-soft hover:underline">
            ← Back to the app
          </Link>
        </div>
      </aside>
      <main className="min-w-0 flex-1 md:overflow-y-auto">
        <div className="mx-auto max-w-7xl px-4 py-6 sm:px-8 sm:py-8">{children}</div>
      </main>
    </div>
  );
}
