'use client';

import { Section, Select } from '@/components/admin/fields';
import { toggleIn } from '@/components/admin/toggle-in';
import type { ModelChoice } from '@/lib/companions/form-options';
import type { OwnCompanionFields } from '@/lib/companions/own-schemas';
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '@/lib/languages';
import { VOICE_STYLES } from '@/lib/voice/styles';
import type { OwnCompanionErrors, SetOwnField } from './use-own-companion-form';

type Props = { fields: OwnCompanionFields; errors: OwnCompanionErrors; set: SetOwnField; models: ModelChoice[] };

/** Warm, distinct accents that read on both themes; a card's own colour (from an import) is kept beside them. */
const ACCENTS: [string, string][] = [
  ['#d97706', 'Amber'],
  ['#c2410c', 'Rust'],
  ['#e11d48', 'Rose'],
  ['#db2777', 'Pink'],
  ['#7c3aed', 'Violet'],
  ['#2563eb', 'Blue'],
  ['#0d9488', 'Teal'],
  ['#65a30d', 'Green'],
  ['#78716c', 'Stone'],
];

const chip =
  'relative cursor-pointer rounded-full border px-3 py-1.5 text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ember-500';
const chipOn =
  'border-ember-400 bg-ember-50 text-ember-900 dark:border-ember-500/70 dark:bg-ember-950 dark:text-ember-100';
const chipOff = 'border-field-line text-ink-soft hover:text-ink';

/** How they talk: the languages they speak, their voice in calls, the model behind them, and their colour. */
export function VoiceFields({ fields, errors, set, models }: Props) {
  const modelOptions = models.map((m) => ({ value: m.id, label: m.name }));
  if (!models.some((m) => m.id === fields.model)) modelOptions.unshift({ value: fields.model, label: fields.model });
  const chosen = models.find((m) => m.id === fields.model);
  const accents: [string, string][] = ACCENTS.some(([hex]) => hex === fields.accentColor)
    ? ACCENTS
    : [[fields.accentColor, 'Their own colour'], ...ACCENTS];

  return (
    <Section title="How they talk">
      <fieldset aria-describedby={errors.languages ? 'languages-error' : undefined}>
        <legend className="mb-1.5 text-sm font-medium">Languages</legend>
        <div className="flex flex-wrap gap-2">
          {LANGUAGES.map((language) => {
            const on = fields.languages.includes(language);
            return (
              <label key={language} className={`${chip} ${on ? chipOn : chipOff}`}>
                <input
                  type="checkbox"
                  className="absolute inset-0 m-0 size-full cursor-pointer appearance-none rounded-[inherit] opacity-0 disabled:cursor-not-allowed"
                  checked={on}
                  aria-invalid={Boolean(errors.languages)}
                  onChange={() => set('languages', toggleIn<Language>(fields.languages, language))}
                />
                {LANGUAGE_LABELS[language]}
              </label>
            );
          })}
        </div>
        {errors.languages ? (
          <p id="languages-error" role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
            {errors.languages}
          </p>
        ) : (
          <p className="mt-1 text-xs text-ink-faint">A new chat starts in the first one you picked.</p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label="Voice"
          value={fields.voice ?? ''}
          onChange={(v) => set('voice', v || null)}
          error={errors.voice}
          options={[
            { value: '', label: 'Hearth’s choice' },
            ...VOICE_STYLES.map((v) => ({ value: v, label: v.charAt(0).toUpperCase() + v.slice(1) })),
          ]}
          hint="How they sound when you call them."
        />
        <Select
          label="Model"
          value={fields.model}
          onChange={(v) => set('model', v)}
          error={errors.model}
          options={modelOptions}
          hint={
            chosen && !chosen.available
              ? 'Not set up on this Hearth yet: until it is, Hearth’s built-in model answers for them.'
              : 'The AI that speaks as them.'
          }
        />
      </div>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Colour</legend>
        <div className="flex flex-wrap gap-2">
          {accents.map(([colour, name]) => (
            <label
              key={colour}
              title={name}
              className="relative grid size-9 cursor-pointer place-items-center rounded-full has-[:checked]:ring-2 has-[:checked]:ring-ink has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ember-500"
            >
              <input
                type="radio"
                name="accent"
                value={colour}
                className="absolute inset-0 m-0 size-full cursor-pointer appearance-none rounded-[inherit] opacity-0 disabled:cursor-not-allowed"
                checked={fields.accentColor === colour}
                onChange={() => set('accentColor', colour)}
                aria-label={name}
              />
              <span className="size-7 rounded-full" style={{ background: colour }} aria-hidden="true" />
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-ink-faint">Tints their portrait ring, their page and their messages.</p>
      </fieldset>
    </Section>
  );
}
