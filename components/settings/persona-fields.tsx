'use client';

import { Field } from '@/components/auth/field';
import { PERSONA_LIMITS, personaInput, type UserPersona } from '@/lib/profile/persona-schemas';
import { fieldProblems } from '@/lib/validation/parse';

/** The persona as a form holds it: text in every box, empty for a part left out. */
export type PersonaDraft = { name: string; pronouns: string; about: string };
export type PersonaErrors = Partial<Record<keyof PersonaDraft, string>>;

/**
 * The three parts of a persona: the name companions call the person, their pronouns and a few
 * lines about them. `idPrefix` keeps two of these on one page apart.
 */
export function PersonaFields({
  idPrefix,
  value,
  errors,
  onChange,
  companionName,
}: {
  idPrefix: string;
  value: PersonaDraft;
  errors: PersonaErrors;
  onChange: (next: PersonaDraft) => void;
  /** Set in one companion's dialog: the hints speak of it rather than of every companion. */
  companionName?: string;
}) {
  const who = companionName ?? 'Your companions';
  const aboutId = `${idPrefix}-about`;
  const left = PERSONA_LIMITS.about - value.about.length;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field
          label="Name to call you"
          name={`${idPrefix}-name`}
          autoComplete="nickname"
          maxLength={PERSONA_LIMITS.name}
          value={value.name}
          onChange={(event) => onChange({ ...value, name: event.target.value })}
          error={errors.name}
          hint={`${who} will call you this.`}
        />
        <Field
          label="Pronouns"
          name={`${idPrefix}-pronouns`}
          maxLength={PERSONA_LIMITS.pronouns}
          placeholder="e.g. she/her"
          value={value.pronouns}
          onChange={(event) => onChange({ ...value, pronouns: event.target.value })}
          error={errors.pronouns}
        />
      </div>
      <div>
        <label htmlFor={aboutId} className="mb-1.5 block text-sm font-medium">
          A few lines about you
        </label>
        <textarea
          id={aboutId}
          rows={4}
          maxLength={PERSONA_LIMITS.about}
          value={value.about}
          onChange={(event) => onChange({ ...value, about: event.target.value })}
          aria-invalid={Boolean(errors.about)}
          aria-describedby={`${aboutId}-${errors.about ? 'error' : 'hint'}`}
          placeholder="What you do, what you care about, what you’d like them to keep in mind."
          className="w-full resize-y rounded-xl border border-field-line bg-raised px-3.5 py-2.5 text-[15px] leading-relaxed outline-none placeholder:text-ink-faint focus:border-ember-400 aria-invalid:border-red-400"
        />
        {errors.about ? (
          <p id={`${aboutId}-error`} role="alert" className="mt-1.5 text-sm text-red-600 dark:text-red-400">
            {errors.about}
          </p>
        ) : (
          <p id={`${aboutId}-hint`} className="mt-1.5 flex justify-between gap-4 text-xs text-ink-faint">
            <span>
              In your words. {companionName ? `${companionName} reads` : 'Your companions read'} it as information about
              you, not as instructions.
            </span>
            <span aria-hidden={left > 100} className="shrink-0 tabular-nums">
              {left.toLocaleString('en-US')} left
            </span>
          </p>
        )}
      </div>
    </div>
  );
}

export const draftOf = (persona: UserPersona): PersonaDraft => ({
  name: persona.name ?? '',
  pronouns: persona.pronouns ?? '',
  about: persona.about ?? '',
});

/** Each part's first problem by the same rules the server applies, so the form shows them all before sending. */
export function personaProblems(draft: PersonaDraft): PersonaErrors {
  return fieldProblems(personaInput, draft);
}

export const sameDraft = (a: PersonaDraft, b: PersonaDraft) =>
  a.name.trim() === b.name.trim() && a.pronouns.trim() === b.pronouns.trim() && a.about.trim() === b.about.trim();
