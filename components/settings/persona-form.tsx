'use client';

import { useState, useTransition } from 'react';
import { personaAction } from '@/app/(app)/settings/actions';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { UserPersona } from '@/lib/profile/persona-schemas';
import { draftOf, PersonaFields, personaProblems, sameDraft, type PersonaErrors } from './persona-fields';

/** Settings › About you: the persona every companion knows, unless the person gave one its own. */
export function PersonaForm({ persona }: { persona: UserPersona }) {
  const [value, setValue] = useState(draftOf(persona));
  const [saved, setSaved] = useState(draftOf(persona));
  const [errors, setErrors] = useState<PersonaErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  return (
    <form
      noValidate
      aria-label="About you"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setDone(false);
        setFormError(null);
        const problems = personaProblems(value);
        setErrors(problems);
        if (Object.keys(problems).length > 0) return;
        startTransition(async () => {
          const result = await personaAction(value);
          if (!result.ok) {
            const field = result.field?.split('.').at(-1);
            if (field === 'name' || field === 'pronouns' || field === 'about') setErrors({ [field]: result.error });
            else setFormError(result.error);
            return;
          }
          const next = draftOf(result.persona);
          setValue(next);
          setSaved(next);
          setDone(true);
        });
      }}
    >
      <PersonaFields
        idPrefix="persona"
        value={value}
        errors={errors}
        onChange={(next) => {
          setValue(next);
          setDone(false);
        }}
      />
      {formError && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {formError}
        </p>
      )}
      <div className="flex items-center gap-4">
        <button
          type="submit"
          className={buttonStyles.primary}
          disabled={pending || !hydrated || sameDraft(value, saved)}
        >
          {pending ? 'Saving…' : 'Save'}
        </button>
        <p role="status" className="text-sm text-ink-soft">
          {done ? 'Saved. Your companions will know from your next message.' : ''}
        </p>
      </div>
    </form>
  );
}
