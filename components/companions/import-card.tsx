'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { importCardAction } from '@/app/(app)/companions/actions';
import { buttonStyles } from '@/components/ui/button';

// lib/cards/card.ts MAX_CARD_FILE_BYTES: said before sending rather than after.
const MAX_CARD_MB = 4;

/**
 * "Import a character card": a Character Card file (PNG or JSON, V1/V2/V3) becomes a private
 * companion of the person's, and its editor opens to check it before sharing.
 */
export function ImportCard() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [opening, setOpening] = useState(false);

  const upload = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (input.current) input.current.value = '';
    if (file.size > MAX_CARD_MB * 1024 * 1024) return setError(`Card files can be at most ${MAX_CARD_MB} MB.`);
    startTransition(async () => {
      const form = new FormData();
      form.set('card', file);
      const result = await importCardAction(form).catch(() => ({
        ok: false as const,
        error: 'Hearth could not be reached. Check your connection and try again.',
      }));
      if (!result.ok) return setError(result.error);
      setOpening(true);
      router.push(`/companions/${result.id}/edit?imported=1`);
    });
  };
  const busy = pending || opening;

  return (
    <section
      aria-labelledby="import-card-heading"
      className="flex flex-col gap-3 rounded-2xl border border-dashed border-field-line bg-raised/60 p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5"
    >
      <div className="min-w-0">
        <h2 id="import-card-heading" className="text-base font-semibold">
          Have a character card?
        </h2>
        <p id="import-card-hint" className="mt-0.5 text-sm text-ink-soft">
          Import a card saved as PNG or JSON (V1, V2 or V3). It stays private until you choose to share it.
        </p>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <label
        className={`${buttonStyles.secondary} relative shrink-0 cursor-pointer focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-ember-500 ${busy ? 'pointer-events-none opacity-60' : ''}`}
      >
        {busy ? 'Importing…' : 'Import a character card'}
        <input
          ref={input}
          type="file"
          accept=".png,.json,image/png,application/json"
          className="sr-only"
          disabled={busy}
          aria-describedby="import-card-hint"
          onChange={(event) => upload(event.target.files?.[0])}
        />
      </label>
    </section>
  );
}
