'use client';

import { useRef, useState } from 'react';
import { likeCompanionAction } from '@/app/(app)/companions/community-actions';
import { lineIcon } from '@/components/ui/icons';

type Shown = { liked: boolean; likes: number };

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A heart toggle with the companion's likes: the press shows at once and is undone, with the
 * reason beside it, if saving fails. Newer counts from the server (the page read again) replace
 * the ones shown.
 */
export function LikeButton({ companionId, liked, likes }: { companionId: string; liked: boolean; likes: number }) {
  const [shown, setShown] = useState<Shown>({ liked, likes });
  const [error, setError] = useState<string | null>(null);
  const [fromServer, setFromServer] = useState<Shown>({ liked, likes });
  if (liked !== fromServer.liked || likes !== fromServer.likes) {
    setFromServer({ liked, likes });
    setShown({ liked, likes });
  }
  // One save at a time: a second press while one is on its way would race it.
  const saving = useRef(false);

  const toggle = async () => {
    if (saving.current) return;
    saving.current = true;
    const before = shown;
    const next = { liked: !before.liked, likes: Math.max(0, before.likes + (before.liked ? -1 : 1)) };
    setShown(next);
    setError(null);
    const result = await likeCompanionAction(companionId, next.liked).catch(() => ({
      ok: false as const,
      error: 'Could not reach Hearth. Check your connection.',
    }));
    saving.current = false;
    if (!result.ok) {
      setShown(before);
      setError(result.error);
    }
  };

  const count = `${shown.likes.toLocaleString('en-US')} ${shown.likes === 1 ? 'like' : 'likes'}`;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <button
        type="button"
        aria-pressed={shown.liked}
        onClick={() => void toggle()}
        title={shown.liked ? 'Unlike' : 'Like'}
        className={`inline-flex min-h-9 items-center gap-1.5 rounded-full border px-3 py-1.5 text-sm font-medium tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ember-600 ${
          shown.liked
            ? 'border-ember-300 bg-ember-50 text-ember-800 hover:bg-ember-100 dark:border-ember-800 dark:bg-ember-950/60 dark:text-ember-200 dark:hover:bg-ember-950'
            : 'border-line bg-raised text-ink-soft hover:bg-sunken hover:text-ink'
        }`}
      >
        <HeartIcon filled={shown.liked} />
        <span className="sr-only">Like, {count}</span>
        <span aria-hidden="true">{compact.format(shown.likes)}</span>
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}

function HeartIcon({ filled }: { filled: boolean }) {
  return (
    <svg
      {...lineIcon}
      fill={filled ? 'currentColor' : 'none'}
      className={`size-4 transition-colors ${filled ? 'text-ember-600 dark:text-ember-400' : ''}`}
    >
      <path d="M12 20s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.3a4.3 4.3 0 0 1 7.5 2.5C19.5 15.4 12 20 12 20z" />
    </svg>
  );
}
