import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ImportCard } from '@/components/companions/import-card';
import { OwnCompanionForm } from '@/components/companions/own-companion-form';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { ChevronLeftIcon } from '@/components/ui/icons';
import { requireUser } from '@/lib/auth/session';
import { ownCompanionFormOptions } from '@/lib/companions/form-options';
import { DEFAULT_OWN_COMPANION } from '@/lib/companions/own-schemas';

export const metadata: Metadata = { title: 'Create a companion' };

/** Making a companion of one's own, from scratch or from a Character Card. */
export default async function NewCompanionPage() {
  await connection();
  const user = await requireUser();
  const { models, block } = await ownCompanionFormOptions(user);

  return (
    <>
      <MobileHeader title="Create a companion" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-6xl px-4 pt-6 sm:px-8 sm:pt-10">
          <Link
            href="/"
            className="inline-flex items-center gap-1 rounded-lg text-sm text-ink-faint transition-colors hover:text-ink"
          >
            <ChevronLeftIcon />
            Companions
          </Link>
          <header className="mt-4 mb-8 max-w-2xl">
            <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Create a companion</h1>
            <p className="mt-2 text-ink-soft">
              Give them a face, a story and a voice. A name and who they are is all they need to start talking; you can
              change everything later.
            </p>
          </header>
          <div className="mb-8">
            <ImportCard />
          </div>
          <OwnCompanionForm
            initial={{ ...DEFAULT_OWN_COMPANION, model: models.find((m) => m.available)?.id ?? models[0]!.id }}
            editing={null}
            models={models}
            block={block}
          />
          <div className="h-10" />
        </div>
      </main>
    </>
  );
}
