'use client';

import { buttonStyles } from '@/components/ui/button';
import { Section, TextArea } from './fields';
import type { FieldProps } from './use-persona-studio';

/** What the model is told: the instructions (with their token count) and the Character Card's fields. */
export function StudioCharacter({ fields, errors, set, tokens }: FieldProps & { tokens: number | null }) {
  const greetings = fields.alternateGreetings;
  return (
    <Section
      title="Character"
      description="What the model is told. Only the instructions are required; the rest follow the Character Card fields."
    >
      <TextArea
        label="System instructions"
        value={fields.instructions}
        onChange={(v) => set('instructions', v)}
        error={errors.instructions}
        rows={8}
        hint={`${tokens === null ? '…' : tokens.toLocaleString('en-US')} tokens · ${fields.instructions.length.toLocaleString('en-US')}/20,000 characters`}
      />
      <TextArea
        label="Personality"
        value={fields.personality}
        onChange={(v) => set('personality', v)}
        error={errors.personality}
        rows={2}
      />
      <TextArea
        label="Scenario"
        value={fields.scenario}
        onChange={(v) => set('scenario', v)}
        error={errors.scenario}
        rows={2}
      />
      <TextArea
        label="Greeting"
        value={fields.greeting}
        onChange={(v) => set('greeting', v)}
        error={errors.greeting}
        rows={2}
        hint="The first message of every new chat."
      />
      <div>
        <p className="mb-1 text-sm font-medium">Alternate greetings</p>
        <div className="space-y-2">
          {greetings.map((g, i) => (
            <div key={i} className="flex items-start gap-2">
              <TextArea
                className="flex-1"
                label={`Alternate greeting ${i + 1}`}
                value={g}
                rows={2}
                onChange={(v) =>
                  set(
                    'alternateGreetings',
                    greetings.map((x, j) => (j === i ? v : x)),
                  )
                }
              />
              <button
                type="button"
                className={`${buttonStyles.ghost} mt-6`}
                aria-label={`Remove alternate greeting ${i + 1}`}
                onClick={() =>
                  set(
                    'alternateGreetings',
                    greetings.filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className={`${buttonStyles.ghost} !px-2`}
            onClick={() => set('alternateGreetings', [...greetings, ''])}
            disabled={greetings.length >= 20}
          >
            + Add a greeting
          </button>
          {errors.alternateGreetings && (
            <p role="alert" className="text-xs text-red-600 dark:text-red-400">
              {errors.alternateGreetings}
            </p>
          )}
        </div>
      </div>
      <TextArea
        label="Example dialogue"
        value={fields.exampleDialogue}
        onChange={(v) => set('exampleDialogue', v)}
        error={errors.exampleDialogue}
        rows={4}
        hint="{{user}} and {{char}} lines showing how the character talks."
      />
      <TextArea
        label="Post-history instructions"
        value={fields.postHistoryInstructions}
        onChange={(v) => set('postHistoryInstructions', v)}
        error={errors.postHistoryInstructions}
        rows={2}
        hint="Kept from imported cards and exported again."
      />
    </Section>
  );
}
