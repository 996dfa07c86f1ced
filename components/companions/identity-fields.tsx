'use client';

import { Section, TagInput, TextArea, TextInput } from '@/components/admin/fields';
import type { OwnCompanionFields } from '@/lib/companions/own-schemas';
import { AvatarPicker } from './avatar-picker';
import type { OwnCompanionErrors, SetOwnField } from './use-own-companion-form';

type Props = {
  fields: OwnCompanionFields;
  errors: OwnCompanionErrors;
  set: SetOwnField;
  avatarSrc: string;
  onAvatar: (file: File | undefined) => Promise<void>;
};

/** What people see first: the portrait, the name, a line about them, their page's text and their tags. */
export function IdentityFields({ fields, errors, set, avatarSrc, onAvatar }: Props) {
  return (
    <Section title="Their face and name" description="What people see on their card and their page.">
      <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
        <AvatarPicker
          src={avatarSrc}
          name={fields.name}
          accent={fields.accentColor}
          error={errors.avatar}
          onPick={onAvatar}
          about={{ name: fields.name, tagline: fields.tagline, description: fields.description }}
        />
        <div className="grid min-w-0 flex-1 gap-4">
          <TextInput
            label="Name"
            value={fields.name}
            onChange={(v) => set('name', v)}
            error={errors.name}
            maxLength={80}
            autoComplete="off"
            required
            placeholder="e.g. Juniper"
          />
          <TextInput
            label="Tagline"
            value={fields.tagline}
            onChange={(v) => set('tagline', v)}
            error={errors.tagline}
            maxLength={160}
            placeholder="e.g. A retired lighthouse keeper with a story for every storm"
            hint={`A line on their card · ${fields.tagline.length}/160`}
          />
        </div>
      </div>
      <TextArea
        label="About them"
        value={fields.description}
        onChange={(v) => set('description', v)}
        error={errors.description}
        rows={3}
        hint="What people read on their page before they start talking."
      />
      <TagInput
        label="Tags"
        values={fields.specialties}
        onChange={(v) => set('specialties', v)}
        error={errors.specialties}
        placeholder="e.g. stories, comfort, sea · press Enter after each"
        hint="What they’re good for; people find them by these in the Community."
      />
    </Section>
  );
}
