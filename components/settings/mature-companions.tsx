'use client';

import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { matureCompanionsAction } from '@/app/(app)/settings/actions';

/**
 * Settings › Mature companions: one checkbox, saved as it changes (undone, with the reason, if
 * saving fails). A guest sees it off and disabled, with the way to an account.
 */
export function MatureCompanions({ confirmed, isGuest }: { confirmed: boolean; isGuest: boolean }) {
  const [checked, setChecked] = useState(confirmed && !isGuest);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const saving = useRef(false);
  const id = useId();

  const change = async (next: boolean) => {
    if (saving.current) return;
    saving.current = true;
    setChecked(next);
    setError(null);
    setState('saving');
    const result = await matureCompanionsAction(next).catch(() => ({
      ok: false as const,
      error: 'Hearth could not be reached. Check your connection and try again.',
    }));
    saving.current = false;
    if (result.ok) return setState('saved');
    setChecked(!next);
    setState('idle');
    setError(result.error);
  };

  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={isGuest}
          onChange={(event) => void change(event.target.checked)}
          aria-describedby={`${id}-hint`}
          className="mt-0.5 size-4 shrink-0 cursor-pointer accent-ember-700 disabled:cursor-not-allowed"
        />
        <div className="min-w-0 text-sm">
          <label htmlFor={id} className={isGuest ? 'text-ink-faint' : 'cursor-pointer'}>
            Show NSFW companions in the Community — I confirm I am 18 or older
          </label>
          <p id={`${id}-hint`} className="mt-1 text-xs text-ink-faint">
            {isGuest ? (
              <>
                Guest sessions don’t see mature companions.{' '}
                <Link
                  href="/signup"
                  className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300"
                >
                  Create an account
                </Link>{' '}
                to choose.
              </>
            ) : (
              'Saved with your account. You can turn it off at any time.'
            )}
          </p>
        </div>
      </div>
      <p role="status" className="mt-2 pl-7 text-xs text-ink-faint empty:mt-0">
        {state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved.' : ''}
      </p>
      {error && (
        <p role="alert" className="pl-7 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
