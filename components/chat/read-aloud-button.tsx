'use client';

import { useSyncExternalStore } from 'react';
import type { Language } from '@/lib/languages';
import { ReadAloudIcon, StopSpeakingIcon } from './chat-icons';

type Reading = { messageId: string; state: 'loading' | 'playing' } | null;

// Which reply is being read: one at a time across the page, so every button knows whether it is the one.
let reading: Reading = null;
const listeners = new Set<() => void>();
const setReading = (next: Reading) => {
  reading = next;
  listeners.forEach((listener) => listener());
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Reads a companion's reply aloud, or stops it; the player loads on the first click. */
export function ReadAloudButton({
  messageId,
  text,
  language,
}: {
  messageId: string;
  text: string;
  language: Language;
}) {
  const now = useSyncExternalStore(
    subscribe,
    () => reading,
    () => null,
  );
  const mine = now?.messageId === messageId ? now.state : null;

  const toggle = async () => {
    const player = await import('./read-aloud-player');
    if (mine) return player.stopReading();
    setReading({ messageId, state: 'loading' });
    player.readAloud(
      { messageId, text, language },
      {
        onPlaying: () => reading?.messageId === messageId && setReading({ messageId, state: 'playing' }),
        onEnd: () => reading?.messageId === messageId && setReading(null),
      },
    );
  };

  const label = mine ? 'Stop reading aloud' : 'Read aloud';
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={() => void toggle()}
      data-state={mine ?? 'idle'}
      className={`rounded-lg p-1.5 text-ink-faint [@media(hover:hover)_and_(pointer:fine)]:p-1 hover:bg-sunken hover:text-ink ${mine ? 'text-ember-700 dark:text-ember-300' : ''}`}
    >
      {mine ? (
        <StopSpeakingIcon className={`size-4 ${mine === 'loading' ? 'motion-safe:animate-pulse' : ''}`} />
      ) : (
        <ReadAloudIcon />
      )}
    </button>
  );
}
