'use client';

import { useState } from 'react';
import type { Persona, Version } from '@/lib/personas/queries';
import type { PersonaFields } from '@/lib/personas/schemas';
import { Section } from './fields';
import { PreviewPanel } from './preview-panel';
import { StudioBar } from './studio-bar';
import { StudioCardDetails } from './studio-card-details';
import { StudioCharacter } from './studio-character';
import { StudioIdentity } from './studio-identity';
import { StudioManage } from './studio-manage';
import { StudioModelVoice, type ModelOption } from './studio-model-voice';
import { usePersonaStudio } from './use-persona-studio';
import { VersionHistory } from './version-history';

export type { ModelOption };

type Props = {
  persona: Persona | null;
  initial: PersonaFields;
  versions: Version[];
  models: ModelOption[];
};

/** The persona studio: every field with inline checks, avatar, versions, card export and a live preview. */
export function PersonaStudio({ persona, initial, versions, models }: Props) {
  const studio = usePersonaStudio(persona, initial);
  const [showPreview, setShowPreview] = useState(false);
  const { fields, errors, set, busy } = studio;
  const published = fields.visibility === 'published';

  return (
    <div className="pb-24">
      <StudioBar
        name={fields.name}
        saved={persona && { archived: Boolean(persona.archivedAt) }}
        published={published}
        version={studio.version}
        dirty={studio.dirty}
        busy={busy}
        showPreview={showPreview}
        onTogglePreview={() => setShowPreview((s) => !s)}
        onTogglePublished={() => void studio.save({ visibility: published ? 'draft' : 'published' })}
        onSave={() => void studio.save()}
      />
      <p
        role="status"
        aria-live="polite"
        className={`mb-4 text-sm ${studio.status ? '' : 'sr-only'} ${Object.values(errors).some(Boolean) ? 'text-red-600 dark:text-red-400' : 'text-ink-soft'}`}
      >
        {studio.status}
      </p>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <form className="min-w-0 space-y-6" noValidate onSubmit={(e) => (e.preventDefault(), void studio.save())}>
          <StudioIdentity
            fields={fields}
            errors={errors}
            set={set}
            savedSlug={persona ? studio.saved.slug : null}
            onSlug={studio.setSlug}
            avatarSrc={studio.avatarPreview ?? persona?.avatarUrl ?? '/avatars/default.svg'}
            onAvatar={(file) => void studio.pickAvatar(file)}
          />
          <StudioCharacter fields={fields} errors={errors} set={set} tokens={studio.tokens} />
          <StudioModelVoice fields={fields} errors={errors} set={set} models={models} />
          <StudioCardDetails fields={fields} errors={errors} set={set} />
          {persona && (
            <Section title="Versions">
              <VersionHistory
                personaId={persona.id}
                versions={versions}
                onRestore={(v) => void studio.restoreVersion(v)}
                busy={busy}
              />
            </Section>
          )}
          {persona && (
            <StudioManage
              personaId={persona.id}
              name={fields.name}
              archived={Boolean(persona.archivedAt)}
              busy={busy}
              onManage={(action) => void studio.manage(action)}
            />
          )}
        </form>

        <aside id="studio-preview" className={`${showPreview ? 'block' : 'hidden'} lg:block`}>
          <div className="lg:sticky lg:top-24 lg:h-[calc(100dvh-8rem)]">
            <PreviewPanel fields={fields} models={models} />
          </div>
        </aside>
      </div>
      {studio.confirmDialog}
    </div>
  );
}
