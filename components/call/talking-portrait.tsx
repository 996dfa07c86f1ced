'use client';

import { useEffect, useRef, type JSX } from 'react';

export type PortraitState = 'connecting' | 'listening' | 'thinking' | 'speaking' | 'ended';

type TalkingPortraitProps = {
  src: string;
  name: string;
  accentColor: string;
  state: PortraitState;
  /** The voice's amplitude now, 0..1. */
  level: number;
  /**
   * Optional: where the level is read every frame instead (e.g. written by SpeechPlayer's
   * onLevel), so the call screen need not re-render sixty times a second.
   */
  levelRef?: { readonly current: number };
  /** The portrait's diameter as a CSS length (the call screen fits it to the window); 14rem / 18rem when not given. */
  size?: string;
  /** What "listening" is called when nobody can be heard (no microphone): the state stays, the words change. */
  idleStatus?: string;
  className?: string;
};

const STATUS: Record<PortraitState, (name: string) => string> = {
  connecting: () => 'Connecting…',
  listening: () => 'Listening',
  thinking: (name) => `${name} is thinking`,
  speaking: (name) => `${name} is speaking`,
  ended: () => 'Call ended',
};

/**
 * The companion's portrait, large and alive with its voice: while it speaks, a glow and a ring in
 * its accent colour swell with the voice's level and the portrait leans in a little; it breathes
 * softly while listening, a light circles it while it thinks. The level is applied to the DOM in
 * requestAnimationFrame, not through React state. With prefers-reduced-motion, only the glow's
 * brightness follows the voice. Made for the call screen, which is dark in both themes.
 */
export function TalkingPortrait({
  src,
  name,
  accentColor,
  state,
  level,
  levelRef,
  size,
  idleStatus,
  className = '',
}: TalkingPortraitProps): JSX.Element {
  const glow = useRef<HTMLDivElement>(null);
  const ring = useRef<HTMLDivElement>(null);
  const face = useRef<HTMLDivElement>(null);
  const bars = useRef<HTMLDivElement>(null);
  const latest = useRef(level);
  useEffect(() => {
    latest.current = level;
  }, [level]);

  useEffect(() => {
    if (state !== 'speaking') {
      for (const element of [glow.current, ring.current, face.current]) element?.style.removeProperty('transform');
      glow.current?.style.removeProperty('opacity');
      bars.current
        ?.querySelectorAll<HTMLElement>('[data-bar]')
        .forEach((bar) => (bar.style.transform = 'scaleY(0.15)'));
      return;
    }
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    let shown = 0;
    let frame = requestAnimationFrame(function tick(time) {
      const target = Math.min(1, Math.max(0, levelRef ? levelRef.current : latest.current));
      shown += (target - shown) * 0.35;
      if (glow.current) {
        glow.current.style.opacity = String(0.35 + shown * 0.65);
        if (!reduced) glow.current.style.transform = `scale(${1 + shown * 0.22})`;
      }
      if (!reduced) {
        if (ring.current) ring.current.style.transform = `scale(${1 + shown * 0.08})`;
        if (face.current) face.current.style.transform = `scale(${1 + shown * 0.025})`;
        bars.current?.querySelectorAll<HTMLElement>('[data-bar]').forEach((bar, index) => {
          // Each bar follows the level with its own small wobble, like a voice's formants.
          const wobble = 0.55 + 0.45 * Math.abs(Math.sin(time / 140 + index * 1.7));
          bar.style.transform = `scaleY(${0.15 + shown * wobble * 0.85})`;
        });
      }
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [state, levelRef]);

  const status = state === 'listening' && idleStatus ? idleStatus : STATUS[state](name);
  return (
    <figure className={`flex flex-col items-center gap-4 ${className}`} data-portrait-state={state}>
      <div
        role="img"
        aria-label={`${name}, ${status.toLowerCase()}`}
        className={`relative grid place-items-center ${size ? 'transition-[width,height] duration-500 motion-reduce:transition-none' : 'size-56 sm:size-72'}`}
        style={size ? { width: size, height: size } : undefined}
      >
        {/* The glow behind the portrait: swells with the voice. */}
        <div
          ref={glow}
          aria-hidden
          className={`absolute -inset-12 rounded-full blur-xl transition-opacity duration-500 ${
            state === 'speaking' ? 'opacity-60' : state === 'ended' ? 'opacity-0' : 'opacity-25'
          } ${state === 'listening' ? 'motion-safe:animate-[portrait-glow_3.2s_ease-in-out_infinite]' : ''}`}
          // Solid under the portrait (which ends at 75% of this radius), fading out beyond it.
          style={{
            background: `radial-gradient(circle closest-side, ${accentColor} 70%, ${accentColor}66 84%, transparent 100%)`,
          }}
        />
        {/* The ring: breathes while listening, circles while thinking, follows the voice while speaking. */}
        <div
          ref={ring}
          aria-hidden
          className={`absolute -inset-2 rounded-full border-2 ${
            state === 'connecting'
              ? 'border-dashed motion-safe:animate-[spin_6s_linear_infinite]'
              : state === 'listening'
                ? 'motion-safe:animate-[portrait-breathe_3.2s_ease-in-out_infinite]'
                : ''
          }`}
          style={{
            borderColor:
              state === 'ended' ? 'rgb(120 113 108 / 0.4)' : `${accentColor}${state === 'speaking' ? 'e6' : '80'}`,
          }}
        />
        {state === 'thinking' && (
          <div
            aria-hidden
            className="absolute -inset-2 rounded-full motion-safe:animate-[spin_1.6s_linear_infinite]"
            style={{
              background: `conic-gradient(from 0deg, transparent 0deg, ${accentColor} 50deg, transparent 110deg)`,
              mask: 'radial-gradient(circle, transparent 66%, #000 67%, #000 70%, transparent 71%)',
            }}
          />
        )}
        <div
          ref={face}
          className="relative size-full overflow-hidden rounded-full bg-stone-800 shadow-2xl shadow-black/50 ring-1 ring-white/10"
        >
          {/* Portraits are small local SVGs; next/image adds nothing for them. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={src}
            alt=""
            draggable={false}
            className={`size-full object-cover transition-[filter,opacity] duration-700 ${state === 'ended' ? 'opacity-60 grayscale' : ''} ${state === 'connecting' ? 'opacity-80' : ''}`}
          />
        </div>
      </div>
      {/* The voice, drawn: five bars that rise with it. */}
      <div
        ref={bars}
        aria-hidden
        className={`flex h-6 items-center gap-1.5 transition-opacity duration-300 ${state === 'speaking' ? 'opacity-100' : 'opacity-0'}`}
      >
        {[0, 1, 2, 3, 4].map((index) => (
          <span
            key={index}
            data-bar
            className="h-6 w-1.5 origin-center rounded-full"
            style={{ background: accentColor, transform: 'scaleY(0.15)' }}
          />
        ))}
      </div>
      <figcaption className="text-center">
        <span className="block text-xl font-semibold tracking-tight text-stone-50 sm:text-2xl">{name}</span>
        {/* An ended call says so once, in its own heading; the status is still announced. */}
        {state !== 'ended' && (
          <span className="mt-0.5 block text-sm text-stone-400" aria-hidden>
            {status}
          </span>
        )}
        <span className="sr-only" role="status" aria-live="polite">
          {status}
        </span>
      </figcaption>
    </figure>
  );
}
