'use client';

import { Section, TextArea } from '@/components/admin/fields';
import type { OwnCompanionFields } from '@/lib/companions/own-schemas';
import type { OwnCompanionErrors, SetOwnField } from './use-own-companion-form';

type Props = { fields: OwnCompanionFields; errors: OwnCompanionErrors; set: SetOwnField };

/** What the model is told: who they are (the one required part), then what colours it, and how a chat opens. */
export function CharacterFields({ fields, errors, set }: Props) {
  const who = fields.name.trim() || 'they';
  return (
    <Section title="Character" description="What your companion knows about themselves. Only the first part is needed.">
      <TextArea
        label="Who they are"
        value={fields.instructions}
        onChange={(v) => set('instructions', v)}
        error={errors.instructions}
        rows={7}
        required
        placeholder={`You are ${fields.name.trim() || 'Juniper'}, a retired lighthouse keeper who lives by the sea. You are patient, dry-witted and kind…`}
        hint={`Required. Written to them, in your own words: who they are, what they care about, how they talk. ${fields.instructions.length.toLocaleString('en-US')}/20,000`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextArea
          label="Personality"
          value={fields.personality}
          onChange={(v) => set('personality', v)}
          error={errors.personality}
          rows={3}
          placeholder="e.g. warm, curious, teases gently"
        />
        <TextArea
          label="Scenario"
          value={fields.scenario}
          onChange={(v) => set('scenario', v)}
          error={errors.scenario}
          rows={3}
          placeholder="e.g. You meet on a rainy evening in the lighthouse kitchen."
        />
      </div>
      <TextArea
        label="Greeting"
        value={fields.greeting}
        onChange={(v) => set('greeting', v)}
        error={errors.greeting}
        rows={3}
        placeholder="e.g. Come in out of the rain. Tea’s on. What brings you up the hill tonight?"
        hint={`The first thing ${who === 'they' ? 'they say' : `${who} says`} in every new chat.`}
      />
      <TextArea
        label="Example dialogue"
        value={fields.exampleDialogue}
        onChange={(v) => set('exampleDialogue', v)}
        error={errors.exampleDialogue}
        rows={4}
        placeholder={
          '{{user}}: Do you ever get lonely out here?\n{{char}}: Lonely? I have the gulls, the weather and far too many books.'
        }
        hint="A few lines showing how they talk. {{user}} is you, {{char}} is them."
      />
    </Section>
  );
}
