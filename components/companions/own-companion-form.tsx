'use client';

import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { ModelChoice, ShareBlock } from '@/lib/companions/form-options';
import type { OwnCompanionFields } from '@/lib/companions/own-schemas';
import type { CompanionDraft } from '@/lib/companions/draft-offline';
import { CharacterFields } from './character-fields';
import { DescribeCharacter } from './describe-character';
import { CompanionPreview } from './companion-preview';
import { IdentityFields } from './identity-fields';
import { SharingFields } from './sharing-fields';
import { useOwnCompanionForm } from './use-own-companion-form';
import { VoiceFields } from './voice-fields';

type Props = {
  initial: OwnCompanionFields;
  /** The companion being edited; null in the creation flow. */
  editing: { id: string; avatarUrl: string } | null;
  models: ModelChoice[];
  block: ShareBlock;
  /** Under the form in the editor: removing the companion. */
  children?: React.ReactNode;
};

/** Making a companion, or editing one: the fields in four sections, a bar that saves, and a live preview beside. */
export function OwnCompanionForm({ initial, editing, models, block, children }: Props) {
  const form = useOwnCompanionForm(initial, editing);
  const { fields, errors, set, pending } = form;
  const invalid = Object.values(errors).some(Boolean);
  const hydrated = useHydrated();

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem] xl:grid-cols-[minmax(0,1fr)_21rem]">
      <div className="min-w-0 space-y-6">
        <form
          noValidate
          aria-label={editing ? `Edit ${form.saved.name}` : 'Create a companion'}
          aria-busy={pending}
          className="space-y-6"
          onSubmit={(event) => {
            event.preventDefault();
            form.submit();
          }}
        >
          {!editing && (
            <DescribeCharacter
              onDraft={(draft) => {
                for (const [key, value] of Object.entries(draft) as [keyof CompanionDraft, string & string[]][])
                  if (value.length > 0) set(key, value);
              }}
            />
          )}
          <IdentityFields
            fields={fields}
            errors={errors}
            set={set}
            avatarSrc={form.avatarSrc}
            onAvatar={form.pickAvatar}
          />
          <CharacterFields fields={fields} errors={errors} set={set} />
          <VoiceFields fields={fields} errors={errors} set={set} models={models} />
          <SharingFields
            fields={fields}
            errors={errors}
            set={set}
            block={block}
            saved={editing ? { id: editing.id, name: form.saved.name, audience: form.saved.audience } : undefined}
          />
          <div className="sticky bottom-0 z-10 -mx-4 border-t border-line bg-surface/90 px-4 py-3 backdrop-blur sm:-mx-0 sm:rounded-2xl sm:border sm:px-4">
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
              <div className="min-w-0 text-sm">
                {form.formError ? (
                  <p role="alert" className="text-red-600 dark:text-red-400">
                    {form.formError}
                  </p>
                ) : invalid ? (
                  <p className="text-red-600 dark:text-red-400">Check the highlighted fields.</p>
                ) : form.status ? (
                  <p role="status" className="text-ink-soft">
                    {form.status}
                  </p>
                ) : (
                  <p className="text-ink-faint">
                    {editing
                      ? form.dirty
                        ? 'You have unsaved changes.'
                        : 'All changes saved.'
                      : 'You can change everything later.'}
                  </p>
                )}
              </div>
              <button
                type="submit"
                className={`${buttonStyles.accent} shrink-0 px-6`}
                disabled={pending || !hydrated || (editing !== null && !form.dirty)}
              >
                {editing ? (pending ? 'Saving…' : 'Save') : pending ? 'Creating…' : 'Create companion'}
              </button>
            </div>
          </div>
        </form>
        {children}
      </div>
      <aside aria-label="Preview" className="hidden lg:block">
        <div className="sticky top-8">
          <CompanionPreview fields={fields} avatarSrc={form.avatarSrc} />
        </div>
      </aside>
    </div>
  );
}
