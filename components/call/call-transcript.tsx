'use client';

import { useEffect, useRef } from 'react';
import { speakable } from '@/lib/voice/sentences';

export type TranscriptLine = {
  id: string;
  role: 'user' | 'companion';
  text: string;
  /** A spoken line not transcribed yet. */
  pending?: boolean;
  typed?: boolean;
  /** The companion was talked over (or the call ended) before it finished. */
  interrupted?: boolean;
};

/** Both sides of the call as they speak, newest at the bottom, read out politely. */
export function CallTranscript({
  lines,
  companionName,
  accentColor,
  emptyHint,
}: {
  lines: TranscriptLine[];
  companionName: string;
  accentColor: string;
  /** What to do first, shown until someone says something. */
  emptyHint: string;
}) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Braces matter: newer browsers' scrollIntoView returns a promise, which React would take for a cleanup.
    end.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [lines]);
  if (!lines.length) {
    return (
      <p className="mt-2 max-w-md text-center text-sm text-stone-400" data-testid="call-transcript-hint">
        {emptyHint} What you both say appears here.
      </p>
    );
  }
  return (
    <ol
      aria-label="Transcript"
      aria-live="polite"
      tabIndex={0}
      className="w-full max-w-2xl min-h-0 flex-1 space-y-3 overflow-y-auto pt-4 pb-2 [mask-image:linear-gradient(transparent,#000_1.5rem)]"
    >
      {lines.map((line) => (
        <li
          key={line.id}
          data-line-role={line.role}
          className={`flex ${line.role === 'user' ? 'justify-end' : 'justify-start'} motion-safe:animate-fade-in`}
        >
          <div
            className={`max-w-[85%] rounded-2xl px-4 py-2 text-sm leading-relaxed ${line.role === 'user' ? 'bg-white/10 text-stone-100' : 'bg-stone-900/80 text-stone-100'}`}
            style={line.role === 'companion' ? { boxShadow: `inset 3px 0 0 ${accentColor}` } : undefined}
          >
            <span className="sr-only">{line.role === 'user' ? 'You' : companionName}: </span>
            {/* A call is spoken: the companion's markdown marks would only be noise here. */}
            {line.pending ? (
              <span className="text-stone-400">Listening to what you said…</span>
            ) : line.role === 'companion' ? (
              speakable(line.text)
            ) : (
              line.text
            )}
            {line.interrupted && <span className="ml-2 text-xs text-stone-400">(interrupted)</span>}
            {line.typed && <span className="sr-only"> (typed)</span>}
          </div>
        </li>
      ))}
      <li ref={end} aria-hidden />
    </ol>
  );
}
