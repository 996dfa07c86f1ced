'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { changeListingAction, deleteConversationAction, renameConversationAction } from '@/app/(app)/actions';
import { Avatar } from '@/components/ui/avatar';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PencilIcon, TrashIcon } from '@/components/ui/icons';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { ConversationSummary } from '@/lib/conversations/queries';
import type { ListChange } from '@/lib/conversations/service';
import { shortTime } from '@/lib/format';
import { ConversationMenu } from './conversation-menu';
import { ArchiveIcon, PinIcon } from './list-icons';

type Props = {
  conversation: ConversationSummary;
  active: boolean;
  /** After a change to it succeeded: pinned, archived, their undoing, deleted (the archived view drops the row). */
  onChanged?: () => void;
};

export function ConversationItem({ conversation, active, onChanged }: Props) {
  const hydrated = useHydrated();
  const router = useRouter();
  const pathname = usePathname();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const rename = (title: string) =>
    startTransition(async () => {
      const result = await renameConversationAction(conversation.id, title);
      if (result.ok) {
        setEditing(false);
        setError(null);
      } else setError(result.error);
    });

  const remove = () =>
    startTransition(async () => {
      const result = await deleteConversationAction(conversation.id);
      if (!result.ok) return setError(result.error);
      setConfirming(false);
      onChanged?.();
      if (pathname === `/chat/${conversation.id}`) router.push('/');
    });

  const list = (change: ListChange) =>
    startTransition(async () => {
      const result = await changeListingAction(conversation.id, change);
      if (!result.ok) return setError(result.error);
      setError(null);
      onChanged?.();
    });

  const archived = conversation.archivedAt !== null;
  const actions = [
    ...(archived
      ? [{ label: 'Unarchive', icon: <ArchiveIcon />, onSelect: () => list('unarchive') }]
      : [
          conversation.pinnedAt
            ? { label: 'Unpin', icon: <PinIcon />, onSelect: () => list('unpin') }
            : { label: 'Pin', icon: <PinIcon />, onSelect: () => list('pin') },
          { label: 'Rename', icon: <PencilIcon />, onSelect: () => setEditing(true) },
          { label: 'Archive', icon: <ArchiveIcon />, onSelect: () => list('archive') },
        ]),
    { label: 'Delete', icon: <TrashIcon />, onSelect: () => setConfirming(true), danger: true },
  ];

  return (
    <li className="group relative">
      {editing ? (
        <form
          className="px-2 py-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            rename(String(new FormData(event.currentTarget).get('title') ?? ''));
          }}
        >
          <label className="sr-only" htmlFor={`title-${conversation.id}`}>
            Conversation title
          </label>
          <input
            id={`title-${conversation.id}`}
            name="title"
            defaultValue={conversation.title}
            maxLength={200}
            autoFocus
            disabled={pending}
            onKeyDown={(event) => event.key === 'Escape' && (setEditing(false), setError(null))}
            onBlur={(event) => rename(event.currentTarget.value)}
            className="w-full rounded-lg border border-ember-400 bg-surface px-2 py-1.5 text-sm outline-none"
          />
          {error && (
            <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
        </form>
      ) : (
        <Link
          href={`/chat/${conversation.id}`}
          aria-current={active ? 'page' : undefined}
          className={`flex items-center gap-3 rounded-xl px-2.5 py-2 pr-10 text-sm transition-colors ${
            active ? 'bg-sunken text-ink' : 'text-ink-soft hover:bg-sunken/70 hover:text-ink'
          }`}
        >
          <Avatar src={conversation.companion.avatarUrl} name={conversation.companion.name} decorative size={32} />
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{conversation.title}</span>
            <span className="block truncate text-xs text-ink-faint">
              {conversation.companion.name}
              {/* Relative to the browser's clock: after hydration, so the server's render never disagrees (D12). */}
              {hydrated && (
                <>
                  {' · '}
                  <time dateTime={new Date(conversation.updatedAt).toISOString()}>
                    {shortTime(conversation.updatedAt)}
                  </time>
                </>
              )}
            </span>
          </span>
        </Link>
      )}
      {!editing && (
        <div className="absolute top-1/2 right-1.5 -translate-y-1/2 opacity-100 transition-opacity md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100 md:has-[[aria-expanded=true]]:opacity-100">
          <ConversationMenu title={conversation.title} actions={actions} />
        </div>
      )}
      {error && !editing && !confirming && (
        <p role="alert" className="px-3 pb-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this conversation?"
        body={`“${conversation.title}” with ${conversation.companion.name} and all its messages will be gone for good.`}
        confirmLabel="Delete"
        busy={pending}
        error={confirming ? error : null}
        onConfirm={remove}
        onCancel={() => (setConfirming(false), setError(null))}
      />
    </li>
  );
}
