'use client';

import { buttonStyles } from '@/components/ui/button';

/** The page could not load (the database out of reach, most likely): say so, and offer a retry. */
export default function StorageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
        <h1 className="text-3xl font-semibold tracking-tight">Storage</h1>
        <div role="alert" className="mt-8 rounded-2xl border border-line bg-raised p-6">
          <p className="font-medium">Your storage usage couldn’t be loaded.</p>
          <p className="mt-1 text-sm text-ink-soft">This is usually brief. Try again in a moment.</p>
          <button type="button" onClick={reset} className={`${buttonStyles.primary} mt-4`}>Try again</button>
        </div>
      </div>
    </main>
  );
}
