'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The "Save your account" form, coming back to `pathname` afterwards. */
export function guestUpgradeHref(pathname: string | null): string {
  return pathname && pathname !== '/' ? `/signup?callbackUrl=${encodeURIComponent(pathname)}` : '/signup';
}

/** For a guest: a calm way to keep their chats, above the sidebar's settings links. Nothing for an account. */
export function GuestUpgradeLink({ isGuest }: { isGuest: boolean }) {
  const pathname = usePathname();
  if (!isGuest) return null;
  return (
    <div className="px-3 pb-3">
      <Link
        href={guestUpgradeHref(pathname)}
        className="block rounded-2xl border border-ember-200/70 bg-ember-50/70 px-3.5 py-2.5 text-sm transition-colors hover:bg-ember-100/80 dark:border-ember-900/50 dark:bg-ember-950/30 dark:hover:bg-ember-950/50"
      >
        <span className="block font-medium text-ember-900 dark:text-ember-100">Save your chats</span>
        <span className="block text-xs text-ember-900/80 dark:text-ember-100/80">
          Create an account to keep them and your memories.
        </span>
      </Link>
    </div>
  );
}
