'use client';

import { useRef, useState } from 'react';
import { lineIcon } from '@/components/ui/icons';
import type { Rating } from '@/lib/conversations/messages';

/** What saving a rating answers: the rating now stored, or what went wrong. */
export type RatingResult = { ok: true; rating: Rating | null } | { ok: false; error: string };

const THUMBS = [
  { value: 1, label: 'Good reply' },
  { value: -1, label: 'Bad reply' },
] as const;

/**
 * Thumbs up and down on a companion's reply. The press shows at once and is undone, with the
 * reason beside the thumbs, if saving fails; pressing the thumb already pressed clears it.
 */
export function RatingButtons({
  rating,
  onRate,
}: {
  rating: Rating | null;
  onRate: (rating: Rating | null) => Promise<RatingResult>;
}) {
  const [shown, setShown] = useState(rating);
  const [error, setError] = useState<string | null>(null);
  // A newer rating from the server (the page read the messages again) replaces the one shown.
  const [fromServer, setFromServer] = useState(rating);
  if (rating !== fromServer) {
    setFromServer(rating);
    setShown(rating);
  }
  // One save at a time: a second click while one is on its way would race it.
  const saving = useRef(false);

  const press = async (value: Rating) => {
    if (saving.current) return;
    saving.current = true;
    const before = shown;
    const next = shown === value ? null : value;
    setShown(next);
    setError(null);
    const result = await onRate(next).catch(() => ({
      ok: false as const,
      error: 'Could not reach Hearth. Check your connection.',
    }));
    saving.current = false;
    if (result.ok) setShown(result.rating);
    else {
      setShown(before);
      setError(result.error);
    }
  };

  return (
    <>
      {THUMBS.map(({ value, label }) => {
        const pressed = shown === value;
        return (
          <button
            key={value}
            type="button"
            aria-label={label}
            aria-pressed={pressed}
            title={label}
            onClick={() => void press(value)}
            className={`rounded-lg p-1.5 hover:bg-sunken hover:text-ink [@media(hover:hover)_and_(pointer:fine)]:p-1 ${pressed ? 'text-ember-700 dark:text-ember-300' : 'text-ink-faint'}`}
          >
            <ThumbIcon down={value === -1} filled={pressed} />
          </button>
        );
      })}
      {error && (
        <span role="alert" className="px-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}

function ThumbIcon({ down, filled }: { down: boolean; filled: boolean }) {
  return (
    <svg
      {...lineIcon}
      fill={filled ? 'currentColor' : 'none'}
      className={`size-4 ${down ? 'rotate-180' : ''}`}
      data-filled={filled || undefined}
    >
      <path d="M7 10v10H4V10h3zM7 10l4-7a2.5 2.5 0 0 1 2.5 2.8L13 9h5.5a2 2 0 0 1 2 2.4l-1.4 7A2 2 0 0 1 17.1 20H7z" />
    </svg>
  );
}
