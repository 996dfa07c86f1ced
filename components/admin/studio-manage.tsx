'use client';

import { buttonStyles } from '@/components/ui/button';
import { archiveQuestion } from './archive-question';
import { Section } from './fields';
import { useConfirm } from './use-confirm';
import type { ManageAction } from './use-persona-studio';

type Props = {
  personaId: string;
  name: string;
  archived: boolean;
  busy: boolean;
  onManage: (action: ManageAction) => void;
};

/** A saved persona's card exports (V3 and V2, PNG and JSON), its duplicate, and its archive or return from it. */
export function StudioManage({ personaId, name, archived, busy, onManage }: Props) {
  const { ask, dialog } = useConfirm();
  return (
    <Section title="Share and manage">
      <div className="flex flex-wrap gap-2">
        {(['v3', 'v2'] as const).flatMap((spec) =>
          (['png', 'json'] as const).map((format) => (
            <a
              key={spec + format}
              className={`${buttonStyles.secondary} !py-1.5`}
              href={`/api/admin/personas/${personaId}/export?spec=${spec}&format=${format}`}
              download
            >
              Export {spec.toUpperCase()} {format.toUpperCase()}
            </a>
          )),
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={() => onManage('duplicate')}>
          Duplicate
        </button>
        {archived ? (
          <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={() => onManage('restore')}>
            Restore from archive
          </button>
        ) : (
          <button
            type="button"
            className={buttonStyles.danger}
            disabled={busy}
            onClick={async () => {
              if (await ask(archiveQuestion(name))) onManage('archive');
            }}
          >
            Archive
          </button>
        )}
      </div>
      {dialog}
    </Section>
  );
}
