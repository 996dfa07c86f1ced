'use client';

import { useState, useTransition } from 'react';
import { renameAction } from '@/app/(app)/settings/actions';
import { Field } from '@/components/auth/field';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';

/** The name companions and the app call the person by. */
export function NameForm({ name }: { name: string }) {
  const [value, setValue] = useState(name);
  const [saved, setSaved] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  return (
    <form
      noValidate
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        const next = value.trim();
        setDone(false);
        if (!next) return setError('Enter the name you’d like to be called.');
        setError(null);
        startTransition(async () => {
          const result = await renameAction(next);
          if (!result.ok) return setError(result.error);
          setSaved(next);
          setValue(next);
          setDone(true);
        });
      }}
    >
      <div className="min-w-0 flex-1">
        <Field
          label="Your name"
          name="displayName"
          autoComplete="nickname"
          maxLength={100}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setDone(false);
          }}
          error={error}
          hint="How Hearth greets you. Companions use the name under About you."
        />
      </div>
      <button
        type="submit"
        className={`${buttonStyles.primary} self-start sm:mt-7`}
        disabled={pending || !hydrated || value.trim() === saved}
      >
        {pending ? 'Saving…' : 'Save'}
      </button>
      <p role="status" className="text-sm text-ink-soft sm:mt-9">
        {done ? 'Saved.' : ''}
      </p>
    </form>
  );
}
