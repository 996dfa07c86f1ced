'use client';

import { useState, useTransition } from 'react';
import { moderateCompanionAction } from '@/app/admin/community/actions';
import { buttonStyles } from '@/components/ui/button';
import type { Moderation as Action } from '@/lib/admin/moderation';
import { useConfirm } from './use-confirm';

/** What a companion's row knows of it, for the actions that apply. */
export type ModerationState = {
  id: string;
  name: string;
  hidden: boolean;
  featured: boolean;
  removed: boolean;
  nsfw: boolean;
  openReports: number;
};

const LABELS: Record<Action, { label: string; pending: string; done: string }> = {
  hide: { label: 'Hide', pending: 'Hiding…', done: 'hidden' },
  unhide: { label: 'Unhide', pending: 'Unhiding…', done: 'back in the Community' },
  feature: { label: 'Feature', pending: 'Featuring…', done: 'featured' },
  unfeature: { label: 'Unfeature', pending: 'Unfeaturing…', done: 'no longer featured' },
  relabel_nsfw: { label: 'Mark NSFW', pending: 'Marking…', done: 'marked NSFW' },
  dismiss: { label: 'Dismiss reports', pending: 'Dismissing…', done: 'reports dismissed' },
  remove: { label: 'Remove', pending: 'Removing…', done: 'removed' },
};

const small = '!px-3 !py-1.5 text-xs';

/**
 * A moderation queue row's actions (app/admin/community): the ones that apply to the companion as
 * it is now, one at a time, with the one on its way named; Remove after the app's confirm dialog.
 * The page refreshes with the action's result (the server action revalidates it).
 */
export function CompanionModerationActions({ companion }: { companion: ModerationState }) {
  const { id, name, hidden, featured, removed, nsfw, openReports } = companion;
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const { ask, dialog } = useConfirm();

  const run = async (action: Action) => {
    if (
      action === 'remove' &&
      !(await ask({
        title: `Remove ${name}?`,
        body: 'It leaves the Community and becomes private to its owner, archived; its link stops working for everyone else. Its open reports are closed. This can’t be undone from here.',
        confirmLabel: 'Remove',
      }))
    )
      return;
    setError(null);
    setAnnouncement('');
    setRunning(action);
    startTransition(async () => {
      const result = await moderateCompanionAction(id, action).catch(() => ({
        ok: false as const,
        error: 'Hearth could not be reached. Check your connection and try again.',
      }));
      if (result.ok) setAnnouncement(`${name}: ${LABELS[action].done}.`);
      else setError(result.error);
      setRunning(null);
    });
  };

  const actions: Action[] = removed
    ? [...(openReports > 0 ? (['dismiss'] as const) : [])]
    : [
        hidden ? 'unhide' : 'hide',
        featured ? 'unfeature' : 'feature',
        ...(nsfw ? [] : (['relabel_nsfw'] as const)),
        ...(openReports > 0 ? (['dismiss'] as const) : []),
        'remove',
      ];

  return (
    <div className="flex flex-col gap-1.5 md:items-end">
      <div role="group" aria-label={`Moderate ${name}`} className="flex flex-wrap gap-1.5 md:justify-end">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            disabled={pending}
            aria-busy={running === action || undefined}
            onClick={() => void run(action)}
            className={`${buttonStyles.secondary} ${small} ${action === 'remove' ? 'text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40' : ''}`}
          >
            {running === action ? LABELS[action].pending : LABELS[action].label}
          </button>
        ))}
        {actions.length === 0 && <span className="text-xs text-ink-faint">Nothing to do</span>}
      </div>
      {error && (
        <p role="alert" className="max-w-72 text-xs text-red-600 md:text-right dark:text-red-400">
          {error}
        </p>
      )}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {dialog}
    </div>
  );
}
