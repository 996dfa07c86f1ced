'use client';

import Link from 'next/link';
import { useState } from 'react';
import { CloseIcon } from '@/components/ui/icons';
import type { Mic } from './call-state';

/** Why the person cannot talk, in product words: they still can type. */
function micNote(mic: Mic['status'], name: string): string | null {
  switch (mic) {
    case 'denied':
      return 'Microphone access was denied. Allow it in your browser to talk, or type below.';
    case 'missing':
      return 'No microphone was found. You can still type below.';
    case 'failed':
      return 'Listening could not start in this browser. You can still type below.';
    case 'unavailable':
      return `${name} can’t hear you on this server yet, so type below.`;
    default:
      return null;
  }
}

type Props = {
  mic: Mic['status'];
  companionName: string;
  /** The companion speaks with the browser's voice (the server has none for the call's language). */
  browserVoice: boolean;
  cameraNote: string | null;
  error: string | null;
  /** The call is over: nothing is said about talking or typing any more. */
  ended: boolean;
  /** An admin is told where voices and speech to text are set up. */
  setupHint: boolean;
};

/**
 * What the person should know, kept short so the transcript keeps its room: why they cannot talk,
 * whose voice they hear, the camera, and what went wrong. Each note but the error can be dismissed.
 */
export function CallNotes({ mic, companionName, browserVoice, cameraNote, error, ended, setupHint }: Props) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const notes = [
    { id: 'mic', text: ended ? null : micNote(mic, companionName) },
    { id: 'voice', text: browserVoice && !ended ? `${companionName} is speaking with your browser’s voice.` : null },
    { id: 'camera', text: cameraNote },
  ].filter((note): note is { id: string; text: string } => note.text !== null && !dismissed.has(note.id));

  // Once, on the first note about something an admin can set up.
  const setupOn = setupHint
    ? notes.find((note) => note.id === 'voice' || (note.id === 'mic' && mic === 'unavailable'))?.id
    : undefined;

  if (!notes.length && !error) return null;
  return (
    <div className="flex w-full max-w-2xl shrink-0 flex-col items-center gap-1.5 text-center text-xs sm:text-sm">
      {notes.map((note) => (
        <p
          key={note.id}
          data-call-note={note.id}
          className="flex max-w-full items-center gap-1 rounded-2xl bg-white/5 py-1 pr-1 pl-3 text-left text-stone-300 ring-1 ring-white/10"
        >
          <span>
            {note.text}
            {note.id === setupOn && (
              <>
                {' '}
                <Link href="/admin" className="text-stone-100 underline underline-offset-2 hover:no-underline">
                  Set up in the dashboard
                </Link>
              </>
            )}
          </span>
          <button
            type="button"
            onClick={() => setDismissed(new Set([...dismissed, note.id]))}
            aria-label="Dismiss note"
            title="Dismiss"
            className="grid size-6 shrink-0 place-items-center rounded-full text-stone-400 hover:bg-white/10 hover:text-stone-100"
          >
            <CloseIcon className="size-3.5" />
          </button>
        </p>
      ))}
      {error && (
        <p role="alert" className="rounded-xl bg-red-500/15 px-4 py-1.5 text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
