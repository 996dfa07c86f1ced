import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { OwnCompanionForm } from '@/components/companions/own-companion-form';
import { RemoveCompanion } from '@/components/companions/remove-companion';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { ChevronLeftIcon } from '@/components/ui/icons';
import { requireUser } from '@/lib/auth/session';
import { ownCompanionFormOptions } from '@/lib/companions/form-options';
import { ownCompanion, type OwnCompanion } from '@/lib/companions/own';
import { ownCompanionFields } from '@/lib/companions/own-schemas';
import { companionBySlugOrId } from '@/lib/companions/service';
import { isHearthError } from '@/lib/errors';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ imported?: string }> };

/** The person's own companion named by slug or id, or null: someone else's, removed, or none. */
const ownedCompanion = cache(async (slug: string): Promise<OwnCompanion | null> => {
  const user = await requireUser();
  const companion = await companionBySlugOrId(user, slug);
  if (!companion || companion.ownerId !== user.id) return null;
  try {
    return await ownCompanion(user, companion.id);
  } catch (error) {
    if (isHearthError(error) && error.code === 'not_found') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const companion = await ownedCompanion((await params).slug);
  return { title: companion ? `Edit ${companion.name}` : 'Companion' };
}

/** The editor of one of the person's companions: the creation form, filled in, with its link and Remove. */
export default async function EditCompanionPage({ params, searchParams }: Props) {
  await connection();
  const [{ slug }, { imported }] = await Promise.all([params, searchParams]);
  const user = await requireUser();
  const companion = await ownedCompanion(slug);
  if (!companion) notFound();
  const { models, block } = await ownCompanionFormOptions(user);
  const { id, avatarUrl } = companion;
  const fields = ownCompanionFields.parse(companion);

  return (
    <>
      <MobileHeader title={`Edit ${companion.name}`} />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-6xl px-4 pt-6 sm:px-8 sm:pt-10">
          <Link
            href={`/companions/${id}`}
            className="inline-flex items-center gap-1 rounded-lg text-sm text-ink-faint transition-colors hover:text-ink"
          >
            <ChevronLeftIcon />
            {companion.name}
          </Link>
          <header className="mt-4 mb-8 max-w-2xl">
            <h1 className="text-3xl font-semibold tracking-tight wrap-anywhere sm:text-4xl">Edit {companion.name}</h1>
            <p className="mt-2 text-ink-soft">Changes reach every chat with them from the next message.</p>
          </header>
          {imported && (
            <p
              role="status"
              className="mb-8 rounded-2xl border border-ember-200 bg-ember-50 px-4 py-3 text-sm text-ember-950 dark:border-ember-900/60 dark:bg-ember-950/30 dark:text-ember-50"
            >
              Imported from the card. Check who they are, then save. They stay private until you choose to share them.
            </p>
          )}
          <OwnCompanionForm initial={fields} editing={{ id, avatarUrl }} models={models} block={block}>
            <RemoveCompanion id={id} name={companion.name} />
          </OwnCompanionForm>
          <div className="h-10" />
        </div>
      </main>
    </>
  );
}
