'use client';

import { useRef } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '@/lib/languages';
import { Section, TagInput, TextArea, TextInput } from './fields';
import { toggleIn } from './toggle-in';
import type { FieldProps } from './use-persona-studio';

type Props = FieldProps & {
  /** The slug as saved, for an existing persona (a new slug redirects from it). */
  savedSlug: string | null;
  onSlug: (slug: string) => void;
  /** The picked avatar's preview, else the saved avatar's address. */
  avatarSrc: string;
  onAvatar: (file: File | undefined) => void;
};

/** Who the persona is: avatar, name, slug, tagline, description, specialties and languages. */
export function StudioIdentity({ fields, errors, set, savedSlug, onSlug, avatarSrc, onAvatar }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <Section title="Identity">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex flex-col items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={avatarSrc}
            alt={`Portrait of ${fields.name || 'the persona'}`}
            width={96}
            height={96}
            className="size-24 rounded-full bg-sunken object-cover"
            style={{ boxShadow: `0 0 0 2px var(--surface), 0 0 0 4px ${fields.accentColor}66` }}
          />
          <input
            ref={fileInput}
            id="avatar-file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="sr-only"
            onChange={(e) => onAvatar(e.target.files?.[0])}
            aria-describedby="avatar-help"
          />
          <label
            htmlFor="avatar-file"
            className={`${buttonStyles.ghost} cursor-pointer !py-1 text-xs`}
            tabIndex={0}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), fileInput.current?.click())}
          >
            Change avatar
          </label>
          <p
            id="avatar-help"
            className={`max-w-40 text-center text-[11px] ${errors.avatar ? 'text-red-600 dark:text-red-400' : 'text-ink-faint'}`}
            role={errors.avatar ? 'alert' : undefined}
          >
            {errors.avatar ?? 'PNG, JPEG or WebP, up to 2 MB'}
          </p>
        </div>
        <div className="grid min-w-0 flex-1 gap-4 sm:grid-cols-2">
          <TextInput
            label="Name"
            value={fields.name}
            onChange={(v) => set('name', v)}
            error={errors.name}
            maxLength={80}
            required
          />
          <TextInput
            label="Slug"
            value={fields.slug}
            onChange={onSlug}
            error={errors.slug}
            hint={
              savedSlug !== null && fields.slug !== savedSlug
                ? `/companions/${savedSlug} will redirect here.`
                : `/companions/${fields.slug || '…'}`
            }
            maxLength={64}
            spellCheck={false}
          />
          <TextInput
            className="sm:col-span-2"
            label="Tagline"
            value={fields.tagline}
            onChange={(v) => set('tagline', v)}
            error={errors.tagline}
            maxLength={160}
            hint={`${fields.tagline.length}/160 · shown on the companion's card`}
          />
        </div>
      </div>
      <TextArea
        label="Description"
        value={fields.description}
        onChange={(v) => set('description', v)}
        error={errors.description}
        rows={3}
        hint="What people read on the companion's page."
      />
      <TagInput
        label="Specialties"
        values={fields.specialties}
        onChange={(v) => set('specialties', v)}
        error={errors.specialties}
        placeholder="Type a tag and press Enter"
      />
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Languages</legend>
        <div className="flex flex-wrap gap-2">
          {LANGUAGES.map((lang) => (
            <label
              key={lang}
              className={`cursor-pointer rounded-full border px-3 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ember-500 ${fields.languages.includes(lang) ? 'border-ember-400 bg-ember-50 text-ember-900 dark:bg-ember-950 dark:text-ember-100' : 'border-line'}`}
            >
              <input
                type="checkbox"
                className="sr-only"
                checked={fields.languages.includes(lang)}
                onChange={() => set('languages', toggleIn<Language>(fields.languages, lang))}
              />
              {LANGUAGE_LABELS[lang]} <span className="text-xs text-ink-faint">{lang}</span>
            </label>
          ))}
        </div>
        {errors.languages && (
          <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
            {errors.languages}
          </p>
        )}
      </fieldset>
    </Section>
  );
}
