import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';
import { PencilIcon, PlusIcon } from '@/components/ui/icons';
import type { CompanionSummary } from '@/lib/companions/own-queries';
import { AUDIENCE_LABELS } from '@/lib/companions/own-schemas';
import { AudienceIcon } from './audience-icon';
import { CompanionCard } from './companion-card';

/**
 * Home's "Your companions": the ones the person made, each opening a chat with a click and its
 * editor from the corner, after a tile that makes another; an invitation when there are none.
 */
export function YourCompanions({ companions }: { companions: CompanionSummary[] }) {
  return (
    <section aria-labelledby="yours-heading" className="mt-14">
      <div className="mb-4">
        <h2 id="yours-heading" className="text-xl font-semibold tracking-tight">
          Your companions
        </h2>
        <p className="mt-1 text-sm text-ink-soft">The ones you made. Only you can change them.</p>
      </div>
      {companions.length === 0 ? (
        <div className="flex flex-col items-start gap-4 rounded-3xl border border-dashed border-field-line bg-raised/50 px-6 py-8 sm:flex-row sm:items-center sm:justify-between sm:px-8">
          <div className="max-w-xl">
            <p className="font-medium">Make someone of your own</p>
            <p className="mt-1 text-sm text-ink-soft">
              Write who they are, give them a face and a voice, and keep them to yourself or share them with everyone.
              Have a character card? Bring it along.
            </p>
          </div>
          <Link href="/companions/new" className={`${buttonStyles.accent} shrink-0`}>
            <PlusIcon className="size-4" />
            Create a companion
          </Link>
        </div>
      ) : (
        <ul aria-label="Made by you" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <li>
            <CreateTile />
          </li>
          {companions.map((companion) => (
            <li key={companion.id} className="animate-fade-in">
              <CompanionCard
                companion={companion}
                linkRef={companion.id}
                corner={<EditLink id={companion.id} name={companion.name} />}
                footer={
                  <p className="flex items-center gap-1.5 text-xs text-ink-faint">
                    <AudienceIcon audience={companion.audience} className="size-3.5" />
                    <span className="sr-only">Who can see it: </span>
                    {AUDIENCE_LABELS[companion.audience].label}
                  </p>
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateTile() {
  return (
    <Link
      href="/companions/new"
      className="flex h-full min-h-40 flex-col items-center justify-center gap-3 rounded-3xl border border-dashed border-field-line p-5 text-center text-ink-soft transition-colors hover:border-ember-400 hover:bg-raised hover:text-ink"
    >
      <span className="grid size-12 place-items-center rounded-full bg-ember-50 text-ember-700 dark:bg-ember-950/60 dark:text-ember-300">
        <PlusIcon />
      </span>
      <span>
        <span className="block font-medium text-ink">Create a companion</span>
        <span className="mt-0.5 block text-sm">A face, a story and a voice of your choosing</span>
      </span>
    </Link>
  );
}

function EditLink({ id, name }: { id: string; name: string }) {
  return (
    <Link
      href={`/companions/${id}/edit`}
      aria-label={`Edit ${name}`}
      title={`Edit ${name}`}
      className="absolute top-3 right-3 grid size-9 place-items-center rounded-full text-ink-faint transition-colors hover:bg-sunken hover:text-ink"
    >
      <PencilIcon className="size-[18px]" />
    </Link>
  );
}
