'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { GaugeIcon } from '@/components/ui/icons';
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '@/lib/languages';
import { CallTimings, type TurnTiming } from './call-timings';
import { useOnline } from './use-online';

type Props = {
  conversationId: string;
  /** How long the call has run, or ran. */
  lengthMs: number;
  timings: TurnTiming[];
  language: Language;
  onLanguage: (language: Language) => void;
  ended: boolean;
};

const QUALITY_COLOURS = {
  good: 'bg-emerald-400',
  fair: 'bg-amber-400',
  slow: 'bg-red-400',
  offline: 'bg-red-500',
  idle: 'bg-stone-400',
} as const;

/** The way back to the chat, the call's length, the connection (opening each turn's timings) and the call's language. */
export function CallHeader({ conversationId, lengthMs, timings, language, onLanguage, ended }: Props) {
  const online = useOnline();
  const [showTimings, setShowTimings] = useState(false);
  const last = timings.at(-1);
  const latency = last ? (last.firstAudioMs ?? last.firstTokenMs) : null;
  const quality = !online
    ? 'offline'
    : latency === null
      ? 'idle'
      : latency < 1200
        ? 'good'
        : latency < 2500
          ? 'fair'
          : 'slow';

  // The accessible name starts with what the button shows (WCAG 2.5.3), then says what it means.
  const shown = !online ? 'Offline' : latency !== null ? `${latency} ms` : 'Ready';
  const meaning =
    latency !== null && online
      ? ` to the last reply's first ${last?.firstAudioMs != null ? 'audio' : 'word'}, connection ${quality}`
      : online
        ? ', connection idle'
        : '';

  useEffect(() => {
    if (!showTimings) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setShowTimings(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showTimings]);

  return (
    <div className="relative z-10 shrink-0">
      <header className="flex items-center justify-between gap-2 px-4 pt-3 pb-2 sm:px-6">
        <Link
          href={`/chat/${conversationId}`}
          className="rounded-full px-3 py-1.5 text-sm text-stone-300 hover:bg-white/10 hover:text-white"
        >
          ← Chat
        </Link>
        <span role="timer" className="font-mono text-sm tabular-nums text-stone-300" aria-label="Call length">
          {clock(lengthMs)}
        </span>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => setShowTimings(!showTimings)}
            aria-label={`${shown}${meaning}: show each turn's timings`}
            aria-expanded={showTimings}
            aria-controls="call-timings-panel"
            className="flex items-center gap-1.5 rounded-full bg-white/5 px-3 py-1.5 text-xs text-stone-300 ring-1 ring-white/10 hover:bg-white/10"
          >
            <span aria-hidden className={`size-2 rounded-full ${QUALITY_COLOURS[quality]}`} />
            <GaugeIcon className="size-4" />
            <span className="tabular-nums">{shown}</span>
          </button>
          <label className="sr-only" htmlFor="call-language">
            Call language
          </label>
          <select
            id="call-language"
            value={language}
            onChange={(event) => onLanguage(event.target.value as Language)}
            disabled={ended}
            className="rounded-full bg-white/5 px-3 py-1.5 text-xs text-stone-200 ring-1 ring-white/10"
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} className="bg-stone-900">
                {LANGUAGE_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
      </header>

      {/* Over the corner below the button, not across the top of the call. */}
      {showTimings && (
        <div id="call-timings-panel" className="absolute top-full right-4 w-[min(28rem,calc(100vw-2rem))] sm:right-6">
          <CallTimings timings={timings} onClose={() => setShowTimings(false)} />
        </div>
      )}
    </div>
  );
}

function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
