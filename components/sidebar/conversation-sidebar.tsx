'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { moreConversationsAction } from '@/app/(app)/actions';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { CloseIcon, KeyIcon, ShieldIcon, StorageIcon, PlusIcon } from '@/components/ui/icons';
import { Logo } from '@/components/ui/logo';
import type { ConversationSummary } from '@/lib/conversations/queries';
import type { Page } from '@/lib/db/cursor';
import { useSidebar } from '@/components/sidebar/store';
import { ConversationItem } from './conversation-item';
import { GuestUpgradeLink } from './guest-upgrade-link';
import { SignOutButton } from './sign-out-button';

type Props = {
  user: { name: string | null; email: string | null; isGuest: boolean; isAdmin?: boolean };
  initial: Page<ConversationSummary>;
};

export function ConversationSidebar({ user, initial }: Props) {
  const pathname = usePathname();
  const { open, setOpen } = useSidebar();
  const [extra, setExtra] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();

  // A fresh first page from the server replaces whatever was paged in before.
  const [previousInitial, setPreviousInitial] = useState(initial);
  if (initial !== previousInitial) {
    setPreviousInitial(initial);
    setExtra([]);
    setCursor(initial.nextCursor);
  }

  useEffect(() => setOpen(false), [pathname, setOpen]);

  const items = [...initial.items, ...extra.filter((e) => !initial.items.some((i) => i.id === e.id))];

  const loadMore = () =>
    startLoading(async () => {
      if (!cursor) return;
      try {
        const page = await moreConversationsAction(cursor);
        setExtra((prev) => [...prev, ...page.items]);
        setCursor(page.nextCursor);
        setLoadError(null);
      } catch {
        setLoadError('Could not load more conversations.');
      }
    });

  return (
    <>
      {open && (
        <button
          type="button"
          aria-label="Close conversations"
          className="fixed inset-0 z-30 bg-stone-950/40 backdrop-blur-[1px] md:hidden"
          onClick={() => setOpen(false)}
        />
      )}
      <aside
        id="conversation-sidebar"
        aria-label="Conversations"
        className={`fixed inset-y-0 left-0 z-40 flex w-72 flex-col border-r border-line bg-raised transition-transform duration-200 md:static md:translate-x-0 ${
          open ? 'translate-x-0 shadow-2xl' : '-translate-x-full'
        }`}
      >
        <div className="flex items-center justify-between px-4 pt-4 pb-2">
          <Link href="/" className="rounded-lg" aria-label="Hearth home">
            <Logo />
          </Link>
          <button
            type="button"
            className={`${buttonStyles.icon} md:hidden`}
            aria-label="Close conversations"
            onClick={() => setOpen(false)}
          >
            <CloseIcon />
          </button>
        </div>
        <div className="px-3 pb-2">
          <Link href="/" className={`${buttonStyles.secondary} w-full justify-start`}>
            <PlusIcon className="size-4" /> New chat
          </Link>
        </div>
        <nav aria-label="Your conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
          {items.length === 0 ? (
            <p className="px-3 py-6 text-sm text-ink-faint">No conversations yet. Pick a companion to start one.</p>
          ) : (
            <ul className="space-y-0.5">
              {items.map((conversation) => (
                <ConversationItem
                  key={conversation.id}
                  conversation={conversation}
                  active={pathname === `/chat/${conversation.id}`}
                />
              ))}
            </ul>
          )}
          {cursor && (
            <button type="button" onClick={loadMore} disabled={loading} className={`${buttonStyles.ghost} mt-2 w-full`}>
              {loading ? 'Loading…' : 'Show older conversations'}
            </button>
          )}
          {loadError && (
            <p role="alert" className="px-3 py-2 text-sm text-red-600 dark:text-red-400">
              {loadError}
            </p>
          )}
        </nav>
        <GuestUpgradeLink isGuest={user.isGuest} />
        <div className="border-t border-line px-2 pt-2">
          <SettingsLink href="/settings" current={pathname === '/settings'}>
            <span aria-hidden="true" className="grid size-4 place-items-center text-base leading-none">
              ⚙&#xFE0E;
            </span>{' '}
            Settings
          </SettingsLink>
          <SettingsLink href="/settings/api-keys" current={pathname === '/settings/api-keys'}>
            <KeyIcon /> API keys
          </SettingsLink>
          <SettingsLink href="/settings/security" current={pathname === '/settings/security'}>
            <ShieldIcon /> Security
          </SettingsLink>
          <SettingsLink href="/settings/storage" current={pathname === '/settings/storage'}>
            <StorageIcon /> Storage
          </SettingsLink>
          {user.isAdmin && (
            <Link
              href="/admin"
              className="flex items-center gap-2.5 rounded-xl px-3 py-2 text-sm text-ink-soft transition-colors hover:bg-sunken/70 hover:text-ink"
            >
              <span aria-hidden="true" className="grid size-4 place-items-center text-xs">
                ◆
              </span>{' '}
              Admin dashboard
            </Link>
          )}
        </div>
        <div className="flex items-center gap-3 p-3">
          <Avatar src="/avatars/you.svg" name="" decorative size={32} />
          <div className="min-w-0 flex-1 text-sm">
            <p className="truncate font-medium">{user.name ?? user.email ?? 'You'}</p>
            <p className="truncate text-xs text-ink-faint">{user.isGuest ? 'Guest account' : user.email}</p>
          </div>
          <SignOutButton isGuest={user.isGuest} />
        </div>
      </aside>
    </>
  );
}

/** A settings page's link at the foot of the sidebar, marked when it is the page shown. */
function SettingsLink({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`flex items-center gap-2.5 rounded-xl px-3 py-2 text-sm transition-colors ${current ? 'bg-sunken text-ink' : 'text-ink-soft hover:bg-sunken/70 hover:text-ink'}`}
    >
      {children}
    </Link>
  );
}
