'use client';

import { useRef, useState } from 'react';
import { drawAvatarAction } from '@/app/(app)/companions/draft-action';
import { buttonStyles } from '@/components/ui/button';

type Props = {
  src: string;
  name: string;
  accent: string;
  error?: string;
  /** Gets the chosen file; the picker shows "Reading…" until it has settled. */
  onPick: (file: File | undefined) => Promise<void>;
  /** What a drawn portrait is drawn from (the form's fields so far). */
  about: { name: string; tagline: string; description: string };
};

const UNREACHABLE = 'Hearth could not be reached. Check your connection and try again.';

/** The companion's portrait: a preview, and a button that picks a picture from a file (cropped to a square). */
export function AvatarPicker({ src, name, accent, error, onPick, about }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [drawError, setDrawError] = useState<string | null>(null);
  const drawPortrait = async () => {
    setDrawing(true);
    setDrawError(null);
    const result = await drawAvatarAction(about).catch(() => ({ ok: false as const, error: UNREACHABLE }));
    if (result.ok) {
      const bytes = Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0));
      await onPick(new File([bytes], 'portrait', { type: result.mediaType }));
    } else setDrawError(result.error);
    setDrawing(false);
  };
  const problem = error ?? drawError;
  const choose = async (file: File | undefined) => {
    setReading(true);
    await onPick(file);
    setReading(false);
    if (input.current) input.current.value = '';
  };
  return (
    <div className="flex items-center gap-4 sm:flex-col sm:items-center sm:gap-3">
      {/* A picked picture is a blob: address, which next/image cannot take. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={src}
        alt={`Portrait of ${name.trim() || 'your companion'}`}
        width={112}
        height={112}
        className="size-24 shrink-0 rounded-full bg-sunken object-cover sm:size-28"
        style={{ boxShadow: `0 0 0 3px var(--surface-raised), 0 0 0 5px ${accent}66` }}
      />
      <div className="flex min-w-0 flex-col gap-1.5 sm:items-center">
        <label
          className={`${buttonStyles.secondary} relative cursor-pointer px-4 py-2 focus-within:outline-2 focus-within:outline-ember-500`}
        >
          {reading ? 'Reading…' : src.startsWith('/avatars/default') ? 'Upload a picture' : 'Change picture'}
          <input
            ref={input}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="sr-only"
            aria-describedby="avatar-help"
            aria-invalid={Boolean(error)}
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </label>
        <button
          type="button"
          onClick={() => void drawPortrait()}
          disabled={drawing || !about.name.trim()}
          title={about.name.trim() ? undefined : 'Give them a name first'}
          className={`${buttonStyles.ghost} px-3 py-1.5 text-sm`}
        >
          {drawing ? 'Drawing…' : 'Draw a portrait'}
        </button>
        <p
          id="avatar-help"
          role={problem ? 'alert' : undefined}
          className={`max-w-48 text-xs sm:text-center ${problem ? 'text-red-600 dark:text-red-400' : 'text-ink-faint'}`}
        >
          {problem ?? 'PNG, JPEG or WebP. It’s cropped to a square.'}
        </p>
      </div>
    </div>
  );
}
