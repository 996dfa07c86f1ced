'use client';

import { useId, useState, useTransition } from 'react';
import { draftCompanionAction } from '@/app/(app)/companions/draft-action';
import { buttonStyles } from '@/components/ui/button';
import type { CompanionDraft } from '@/lib/companions/draft-offline';

const UNREACHABLE = 'Hearth could not be reached. Check your connection and try again.';

/** "Describe your character in a few lines": drafts the form's fields, which the person then edits. */
export function DescribeCharacter({ onDraft }: { onDraft: (draft: CompanionDraft) => void }) {
  const id = useId();
  const [lines, setLines] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();

  const draft = () =>
    startTransition(async () => {
      setError(null);
      setDone(false);
      const result = await draftCompanionAction(lines).catch(() => ({ ok: false as const, error: UNREACHABLE }));
      if (!result.ok) return setError(result.error);
      onDraft(result.draft);
      setDone(true);
    });

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-3xl border border-dashed border-field-line bg-raised/60 p-4 sm:p-5"
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        Start from a few lines
      </h2>
      <p className="mt-1 text-sm text-ink-soft">
        Describe your character and Hearth drafts the fields below. You can change everything after.
      </p>
      <label htmlFor={`${id}-lines`} className="sr-only">
        Describe your character
      </label>
      <textarea
        id={`${id}-lines`}
        value={lines}
        onChange={(event) => setLines(event.target.value)}
        rows={3}
        maxLength={2000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder="A retired lighthouse keeper named Ada who tells sea stories. Gruff, but kind."
        className="mt-3 w-full rounded-xl border border-field-line bg-raised px-3 py-2 text-sm outline-none placeholder:text-ink-faint focus:border-ember-400 aria-invalid:border-red-400"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={draft}
          disabled={pending || !lines.trim()}
          className={`${buttonStyles.secondary} px-4 py-2 text-sm`}
        >
          {pending ? 'Drafting…' : 'Draft the fields'}
        </button>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : (
          done && (
            <p role="status" className="text-sm text-ink-soft">
              Drafted. Read it through and make it yours.
            </p>
          )
        )}
      </div>
    </section>
  );
}
