'use client';

import { Section, TextArea, TextInput } from './fields';
import type { FieldProps } from './use-persona-studio';

/** The Character Card fields that only travel with the card: kept on import, written on export. */
export function StudioCardDetails({ fields, errors, set }: FieldProps) {
  const { tags, ...rest } = fields.cardExtra as { tags?: unknown } & Record<string, unknown>;
  const extras = Object.keys(rest);
  const cardTags = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
  return (
    <Section title="Card details" description="Character Card fields, kept on import and written on export.">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput label="Creator" value={fields.creator} onChange={(v) => set('creator', v)} error={errors.creator} />
        <TextInput
          label="Character version"
          value={fields.characterVersion}
          onChange={(v) => set('characterVersion', v)}
          error={errors.characterVersion}
        />
      </div>
      <TextArea
        label="Creator notes"
        value={fields.creatorNotes}
        onChange={(v) => set('creatorNotes', v)}
        error={errors.creatorNotes}
        rows={2}
      />
      {cardTags.length > 0 && (
        <p className="text-xs text-ink-faint">
          The card&apos;s own tags, kept private and exported again (they are not specialties: choose those under
          Identity): {cardTags.join(', ')}.
        </p>
      )}
      {extras.length > 0 && (
        <p className="text-xs text-ink-faint">Also kept from the imported card: {extras.join(', ')}.</p>
      )}
    </Section>
  );
}
