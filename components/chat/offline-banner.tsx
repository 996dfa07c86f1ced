import Link from 'next/link';

/**
 * Said on the picker while every companion answers with the built-in offline model: in product
 * language for everyone; an admin also gets the way to the dashboard, where models are set up.
 */
export function OfflineBanner({ className = '', setupHint = false }: { className?: string; setupHint?: boolean }) {
  return (
    <div
      role="note"
      className={`flex items-start gap-3 rounded-2xl border border-ember-200 bg-ember-50 px-4 py-3 text-sm text-ember-900 dark:border-ember-900/60 dark:bg-ember-950/30 dark:text-ember-100 ${className}`}
    >
      <span aria-hidden="true" className="mt-0.5">
        ✦
      </span>
      <p>
        Companions are answering with Hearth’s <strong>built-in offline model</strong> for now: friendly, but not very
        deep. Richer conversations arrive once this Hearth is connected to an AI model.
        {setupHint && (
          <>
            {' '}
            <Link href="/admin" className="font-medium underline underline-offset-2 hover:no-underline">
              Set up in the dashboard
            </Link>
          </>
        )}
      </p>
    </div>
  );
}
