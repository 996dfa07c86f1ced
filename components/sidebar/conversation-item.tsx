'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { deleteConversationAction, renameConversationAction } from '@/app/(app)/actions';
import { Avatar } from '@/components/ui/avatar';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PencilIcon, TrashIcon } from '@/components/ui/icons';
import type { ConversationSummary } from '@/lib/conversations/queries';
import { shortTime } from '@/lib/format';

export function ConversationItem({ conversation, active }: { conversation: ConversationSummary; active: boolean }) {
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
      if (pathname === `/chat/${conversation.id}`) router.push('/');
    });

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
          className={`flex items-center gap-3 rounded-xl px-2.5 py-2 pr-16 text-sm transition-colors ${
            active ? 'bg-sunken text-ink' : 'text-ink-soft hover:bg-sunken/70 hover:text-ink'
          }`}
        >
          <Avatar src={conversation.companion.avatarUrl} name={conversation.companion.name} decorative size={32} />
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{conversation.title}</span>
            <span className="block truncate text-xs text-ink-faint">
              {conversation.companion.name} ·{' '}
              <time dateTime={new Date(conversation.updatedAt).toISOString()}>{shortTime(conversation.updatedAt)}</time>
            </span>
          </span>
        </Link>
      )}
      {!editing && (
        <div className="absolute top-1/2 right-1.5 flex -translate-y-1/2 gap-0.5 opacity-100 transition-opacity md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
          <button
            type="button"
            className="rounded-lg p-1.5 text-ink-faint hover:bg-raised hover:text-ink"
            aria-label={`Rename “${conversation.title}”`}
            onClick={() => setEditing(true)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="rounded-lg p-1.5 text-ink-faint hover:bg-raised hover:text-red-600"
            aria-label={`Delete “${conversation.title}”`}
            onClick={() => setConfirming(true)}
          >
            <TrashIcon />
          </button>
        </div>
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
