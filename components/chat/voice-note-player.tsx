'use client';

import { useEffect, useRef, useState } from 'react';
import { PauseIcon, PlayIcon } from './chat-icons';

/** "0:07", "1:42": a voice note's times (they are at most a few minutes long). */
export function clock(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * A voice note as the app draws it: a round play/pause button, a progress slider (arrow keys seek)
 * and the time, in place of the browser's grey audio pill. The audio element stays, without
 * controls, so playback, seeking and buffering are the browser's own.
 */
export function VoiceNotePlayer({ src, label }: { src: string; label: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    // A recording made in the browser (webm) often has no duration in its header: seeking far past
    // the end makes the browser read the whole file and learn it.
    const learnDuration = () => {
      if (Number.isFinite(el.duration)) return setDuration(el.duration);
      const measure = () => {
        el.removeEventListener('durationchange', measure);
        if (Number.isFinite(el.duration)) setDuration(el.duration);
        el.currentTime = 0;
      };
      el.addEventListener('durationchange', measure);
      el.currentTime = 1e7;
    };
    if (el.readyState >= 1) learnDuration();
    el.addEventListener('loadedmetadata', learnDuration);
    return () => el.removeEventListener('loadedmetadata', learnDuration);
  }, []);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) el.play().catch(() => setFailed(true));
    else el.pause();
  };

  const seek = (seconds: number) => {
    const el = audio.current;
    if (!el) return;
    el.currentTime = seconds;
    setPosition(seconds);
  };

  const total = duration || position;
  const percent = total > 0 ? Math.min(100, (position / total) * 100) : 0;
  return (
    <div
      className="flex w-64 max-w-full items-center gap-3 rounded-full bg-raised py-1.5 pr-4 pl-1.5 shadow-sm ring-1 ring-line"
      data-testid="voice-note"
      role="group"
      aria-label={`${label} voice note`}
    >
      <audio
        ref={audio}
        src={src}
        preload="metadata"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => (setPlaying(false), setPosition(0))}
        onTimeUpdate={(event) => setPosition(event.currentTarget.currentTime)}
        onDurationChange={(event) =>
          Number.isFinite(event.currentTarget.duration) && setDuration(event.currentTarget.duration)
        }
        onError={() => setFailed(true)}
      />
      <button
        type="button"
        onClick={toggle}
        disabled={failed}
        aria-label={playing ? 'Pause voice note' : 'Play voice note'}
        className="grid size-9 shrink-0 place-items-center rounded-full bg-stone-900 text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-50"
      >
        {playing ? <PauseIcon /> : <PlayIcon className="size-4 translate-x-px" />}
      </button>
      {failed ? (
        <span className="text-xs text-ink-soft">This voice note could not be played.</span>
      ) : (
        <>
          <input
            type="range"
            min={0}
            max={total || 1}
            step={0.1}
            value={Math.min(position, total || 1)}
            onChange={(event) => seek(Number(event.target.value))}
            aria-label="Position"
            aria-valuetext={`${clock(position)} of ${clock(total)}`}
            className="h-1.5 min-w-0 flex-1 cursor-pointer appearance-none rounded-full [&::-moz-range-thumb]:size-3 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-0 [&::-moz-range-thumb]:bg-ink [&::-webkit-slider-thumb]:size-3 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:bg-ink"
            style={{
              background: `linear-gradient(to right, var(--color-ember-500) ${percent}%, var(--line) ${percent}%)`,
            }}
          />
          <span className="w-16 shrink-0 text-right text-xs text-ink-soft tabular-nums" aria-hidden="true">
            {playing || position > 0 ? clock(position) : clock(total)}
            {duration > 0 && (playing || position > 0) ? ` / ${clock(duration)}` : ''}
          </span>
        </>
      )}
    </div>
  );
}
