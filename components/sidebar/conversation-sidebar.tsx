'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { CloseIcon, KeyIcon, ShieldIcon, StorageIcon, PlusIcon } from '@/components/ui/icons';
import { Logo } from '@/components/ui/logo';
import { useSidebar } from '@/components/sidebar/store';
import { GuestUpgradeLink } from './guest-upgrade-link';
import { SignOutButton } from './sign-out-button';
import type { ConversationList as InitialList } from '@/lib/conversations/service';
import { newChatHref } from '@/lib/conversations/new-chat-href';
import { ConversationList } from './conversation-list';
import { ArchiveIcon } from './list-icons';
import { SearchBox } from './search-box';
import { useConversationList } from './use-conversation-list';

// Not needed at first paint: loaded with the first search, or when the archive is opened.
const SearchResults = dynamic(() => import('./search-results'));
const ArchivedList = dynamic(() => import('./archived-list'));

type Props = {
  user: { name: string | null; email: string | null; isGuest: boolean; isAdmin?: boolean; avatarUrl: string | null };
  initial: InitialList;
};

export function ConversationSidebar({ user, initial }: Props) {
  const pathname = usePathname();
  const { open, setOpen, chat } = useSidebar();
  const list = useConversationList(initial);
  const [query, setQuery] = useState('');
  const [archive, setArchive] = useState(false);
  const searching = query.trim() !== '';
  const activeId = pathname.match(/^\/chat\/([0-9a-f-]{36})$/)?.[1] ?? null;

  useEffect(() => setOpen(false), [pathname, setOpen]);

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
        <div className="space-y-2 px-3 pb-2">
          {/* In a chat, another chat with the same companion; elsewhere, the picker (review D40). */}
          <Link
            href={chat ? newChatHref(chat.companion, chat.language) : '/'}
            className={`${buttonStyles.secondary} w-full justify-start`}
          >
            <PlusIcon className="size-4" /> New chat
          </Link>
          <SearchBox value={query} onChange={setQuery} />
        </div>
        <nav aria-label="Your conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
          {searching ? (
            <SearchResults query={query} activeId={activeId} />
          ) : archive ? (
            <ArchivedList activeId={activeId} onBack={() => setArchive(false)} />
          ) : (
            <>
              <ConversationList {...list} activeId={activeId} />
              <button
                type="button"
                onClick={() => setArchive(true)}
                className={`${buttonStyles.ghost} mt-3 w-full justify-start text-ink-faint`}
              >
                <ArchiveIcon /> Archived chats
              </button>
            </>
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
          <Avatar src={user.avatarUrl ?? '/avatars/you.svg'} name="" decorative size={32} />
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
