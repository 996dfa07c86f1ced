'use client';

import { LANGUAGE_LABELS, LANGUAGES, type Language } from '@/lib/languages';
import type { PersonaFields } from '@/lib/personas/schemas';
import { VOICE_STYLES } from '@/lib/voice/styles';
import { Section, Select, TextInput, Toggle } from './fields';
import { toggleIn } from './toggle-in';
import type { FieldProps } from './use-persona-studio';

export type ModelOption = { id: string; name: string; available: boolean };

/** Which model answers (and which follow when it fails), how, in which voices, and how the persona looks and is shown. */
export function StudioModelVoice({ fields, errors, set, models }: FieldProps & { models: ModelOption[] }) {
  const published = fields.visibility === 'published';
  const modelOptions = models.map((m) => ({
    value: m.id,
    label: `${m.name}${m.available ? '' : ' (not configured)'}`,
  }));
  if (!models.some((m) => m.id === fields.defaultModel))
    modelOptions.unshift({ value: fields.defaultModel, label: fields.defaultModel });

  return (
    <Section title="Model and voice">
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label="Default model"
          value={fields.defaultModel}
          onChange={(v) => set('defaultModel', v)}
          error={errors.defaultModel}
          options={modelOptions}
        />
        <Select
          label="Voice"
          value={fields.voice ?? ''}
          onChange={(v) => set('voice', v || null)}
          options={[
            { value: '', label: 'Provider default' },
            ...VOICE_STYLES.map((v) => ({ value: v, label: v.charAt(0).toUpperCase() + v.slice(1) })),
          ]}
          hint="How the companion sounds in calls, with any speech provider."
        />
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">Voices per language</legend>
          <p id="voices-hint" className="mb-2 text-xs text-ink-faint">
            Optional, for calls: a style ({VOICE_STYLES.join(', ')}) or the speech provider&apos;s own voice (e.g. nova
            for OpenAI, Kore for Gemini, an ElevenLabs voice id). Empty uses the voice above.
          </p>
          <datalist id="voice-styles">
            {VOICE_STYLES.map((style) => (
              <option key={style} value={style} />
            ))}
          </datalist>
          <div className="grid gap-3 sm:grid-cols-3">
            {LANGUAGES.filter((language) => fields.languages.includes(language) || fields.voices[language]).map(
              (language) => (
                <TextInput
                  key={language}
                  label={`Voice in ${LANGUAGE_LABELS[language]}`}
                  value={fields.voices[language] ?? ''}
                  placeholder={fields.voice ?? 'Provider default'}
                  list="voice-styles"
                  maxLength={100}
                  aria-describedby="voices-hint"
                  aria-invalid={Boolean(errors.voices)}
                  onChange={(v) => set('voices', withVoice(fields.voices, language, v))}
                />
              ),
            )}
          </div>
          {errors.voices && (
            <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {errors.voices}
            </p>
          )}
        </fieldset>
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">Fallback models, in order</legend>
          <div className="flex flex-wrap gap-2">
            {models
              .filter((m) => m.id !== fields.defaultModel)
              .map((m) => {
                const at = fields.fallbackModels.indexOf(m.id);
                return (
                  <label
                    key={m.id}
                    className={`cursor-pointer rounded-full border px-3 py-1 text-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ember-500 ${at >= 0 ? 'border-ember-400 bg-ember-50 text-ember-900 dark:bg-ember-950 dark:text-ember-100' : 'border-line text-ink-soft'}`}
                  >
                    <input
                      type="checkbox"
                      className="sr-only"
                      checked={at >= 0}
                      onChange={() => set('fallbackModels', toggleIn(fields.fallbackModels, m.id))}
                    />
                    {at >= 0 && <span className="mr-1 font-semibold">{at + 1}.</span>}
                    {m.name}
                  </label>
                );
              })}
          </div>
          {errors.fallbackModels && (
            <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {errors.fallbackModels}
            </p>
          )}
        </fieldset>
        <div>
          <label htmlFor="temperature" className="mb-1 block text-sm font-medium">
            Temperature <span className="font-normal text-ink-faint">{fields.temperature.toFixed(2)}</span>
          </label>
          <input
            id="temperature"
            type="range"
            min={0}
            max={2}
            step={0.05}
            value={fields.temperature}
            onChange={(e) => set('temperature', Number(e.target.value))}
            className="w-full accent-ember-600"
          />
          {errors.temperature && (
            <p role="alert" className="text-xs text-red-600 dark:text-red-400">
              {errors.temperature}
            </p>
          )}
        </div>
        <TextInput
          label="Max output tokens"
          inputMode="numeric"
          value={fields.maxOutputTokens === null ? '' : String(fields.maxOutputTokens)}
          onChange={(v) => set('maxOutputTokens', v.trim() === '' ? null : Number(v))}
          error={errors.maxOutputTokens}
          hint="Empty: the model's own limit."
        />
        <div>
          <label htmlFor="accent" className="mb-1 block text-sm font-medium">
            Accent colour
          </label>
          <div className="flex items-center gap-2">
            <input
              id="accent"
              type="color"
              value={fields.accentColor}
              onChange={(e) => set('accentColor', e.target.value.toLowerCase())}
              className="h-9 w-12 rounded-lg border border-line bg-raised"
            />
            <span className="font-mono text-xs text-ink-faint">{fields.accentColor}</span>
          </div>
        </div>
        <div className="space-y-3 sm:col-span-2">
          <Toggle
            label="NSFW"
            checked={fields.nsfw}
            onChange={(v) => set('nsfw', v)}
            hint="Mature content: answered only by the providers in NSFW_PROVIDERS."
          />
          <Toggle
            label="Published"
            checked={published}
            onChange={(v) => set('visibility', v ? 'published' : 'draft')}
            hint="Published personas appear in everyone's picker after saving."
          />
        </div>
      </div>
    </Section>
  );
}

/** The voices with one language's voice set, or removed when the input is emptied. */
function withVoice(voices: PersonaFields['voices'], language: Language, value: string): PersonaFields['voices'] {
  const rest = Object.fromEntries(Object.entries(voices).filter(([key]) => key !== language));
  return value.trim() ? { ...rest, [language]: value } : rest;
}
