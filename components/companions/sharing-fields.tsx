'use client';

import { Section } from '@/components/admin/fields';
import type { ShareBlock } from '@/lib/companions/form-options';
import type { Audience, OwnCompanionFields } from '@/lib/companions/own-schemas';
import { AudiencePicker } from './audience-picker';
import { ShareLink } from './share-link';
import type { OwnCompanionErrors, SetOwnField } from './use-own-companion-form';

type Props = {
  fields: OwnCompanionFields;
  errors: OwnCompanionErrors;
  set: SetOwnField;
  block: ShareBlock;
  /** A saved companion: its id (the link) and the audience it was saved with. */
  saved?: { id: string; name: string; audience: Audience };
};

/** Who else may find and talk with the companion (with its link once shared), and whether it is for adults only. */
export function SharingFields({ fields, errors, set, block, saved }: Props) {
  const shared = saved && saved.audience !== 'private';
  const sharing = fields.audience !== 'private';
  return (
    <Section title="Sharing">
      <AudiencePicker
        value={fields.audience}
        onChange={(audience) => set('audience', audience)}
        block={block}
        error={errors.audience}
      />
      {saved && shared && sharing && <ShareLink id={saved.id} name={saved.name} />}
      {saved && shared !== sharing && (
        <p className="rounded-xl bg-sunken px-3.5 py-2.5 text-sm text-ink-soft">
          {sharing
            ? 'Save to share them: their link works from then on.'
            : 'Once you save, only you can find them. People already talking with them keep their chats.'}
        </p>
      )}
      <div className="flex items-start gap-3">
        <input
          id="companion-nsfw"
          type="checkbox"
          checked={fields.nsfw}
          onChange={(event) => set('nsfw', event.target.checked)}
          className="mt-0.5 size-4 shrink-0 accent-ember-600"
          aria-describedby="companion-nsfw-hint"
        />
        <div>
          <label htmlFor="companion-nsfw" className="text-sm font-medium">
            For adults only (NSFW)
          </label>
          <p id="companion-nsfw-hint" className="text-xs text-ink-faint">
            Tick this if conversations with them may turn to mature themes. The Community shows them only to people who
            confirmed they’re adults, and only some models may answer them.
          </p>
          {errors.nsfw && (
            <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {errors.nsfw}
            </p>
          )}
        </div>
      </div>
    </Section>
  );
}
