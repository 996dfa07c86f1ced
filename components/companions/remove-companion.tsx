'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { removeCompanionAction } from '@/app/(app)/companions/actions';
import { useConfirm } from '@/components/admin/use-confirm';
import { buttonStyles } from '@/components/ui/button';
import { TrashIcon } from '@/components/ui/icons';

/** Removing one of the person's companions, after the app's confirm dialog; home afterwards. */
export function RemoveCompanion({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const { ask, dialog } = useConfirm();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [gone, setGone] = useState(false);

  const remove = async () => {
    const yes = await ask({
      title: `Remove ${name}?`,
      body: 'They leave your companions and the Community, and their link stops working. Chats already started with them stay.',
      confirmLabel: 'Remove',
    });
    if (!yes) return;
    setError(null);
    startTransition(async () => {
      const result = await removeCompanionAction(id).catch(() => ({
        ok: false as const,
        error: 'Hearth could not be reached. Check your connection and try again.',
      }));
      if (!result.ok) return setError(result.error);
      setGone(true);
      router.push('/?removed=1');
    });
  };

  return (
    <section
      aria-labelledby="remove-heading"
      className="flex flex-col gap-3 rounded-2xl border border-line p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5"
    >
      <div>
        <h2 id="remove-heading" className="text-base font-semibold">
          Remove {name}
        </h2>
        <p className="mt-0.5 text-sm text-ink-soft">Takes them out of your companions and the Community.</p>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <button
        type="button"
        onClick={() => void remove()}
        disabled={pending || gone}
        className={`${buttonStyles.secondary} shrink-0 text-red-700 hover:text-red-800 dark:text-red-400 dark:hover:text-red-300`}
      >
        <TrashIcon />
        {pending || gone ? 'Removing…' : 'Remove'}
      </button>
      {dialog}
    </section>
  );
}
