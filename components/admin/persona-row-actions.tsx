'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { ArchiveIcon, CopyIcon, EyeIcon, EyeOffIcon, RefreshIcon } from '@/components/ui/icons';
import { adminFetch, jsonInit } from './api';
import { archiveQuestion } from './archive-question';
import { useConfirm } from './use-confirm';

type Action = 'publish' | 'unpublish' | 'duplicate' | 'archive' | 'restore';

/**
 * Quick actions in the persona list as one row of icon buttons (each named for screen readers and
 * titled for the pointer), so a row stays one line tall (review D35): publish or unpublish,
 * duplicate, archive (after the app's confirm dialog) or restore.
 */
export function PersonaRowActions({
  id,
  name,
  archived,
  published,
}: {
  id: string;
  name: string;
  archived: boolean;
  published: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { ask, dialog } = useConfirm();

  const run = async (action: Action) => {
    if (action === 'archive' && !(await ask(archiveQuestion(name)))) return;
    setBusy(true);
    const result = await adminFetch<{ persona: { id: string } }>(
      `/api/admin/personas/${id}/actions`,
      jsonInit('POST', { action }),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    if (action === 'duplicate') router.push(`/admin/personas/${result.data.persona.id}`);
    else router.refresh();
  };

  const buttons: { action: Action; label: string; icon: React.ReactNode }[] = [
    ...(archived
      ? []
      : [
          published
            ? { action: 'unpublish' as const, label: 'Unpublish', icon: <EyeOffIcon /> }
            : { action: 'publish' as const, label: 'Publish', icon: <EyeIcon /> },
        ]),
    { action: 'duplicate', label: 'Duplicate', icon: <CopyIcon /> },
    archived
      ? { action: 'restore', label: 'Restore', icon: <RefreshIcon /> }
      : { action: 'archive', label: 'Archive', icon: <ArchiveIcon /> },
  ];

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-0.5">
        {buttons.map((b) => (
          <button
            key={b.action}
            type="button"
            className={`${buttonStyles.icon} !size-8`}
            disabled={busy}
            onClick={() => void run(b.action)}
            aria-label={`${b.label} ${name}`}
            title={b.label}
          >
            {b.icon}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="max-w-64 text-right text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {dialog}
    </div>
  );
}
