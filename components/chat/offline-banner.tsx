export function OfflineBanner({ className = '' }: { className?: string }) {
  return (
    <div
      role="note"
      className={`flex items-start gap-3 rounded-2xl border border-ember-200 bg-ember-50 px-4 py-3 text-sm text-ember-900 dark:border-ember-900/60 dark:bg-ember-950/30 dark:text-ember-100 ${className}`}
    >
      <span aria-hidden="true" className="mt-0.5">
        ✦
      </span>
      <p>
        Companions are answering with Hearth’s <strong>offline demo model</strong>: friendly, but not very deep. Add a
        key such as <code className="rounded bg-white/60 px-1 dark:bg-black/30">GOOGLE_GENERATIVE_AI_API_KEY</code> to
        your <code className="rounded bg-white/60 px-1 dark:bg-black/30">.env</code> for real conversations.
      </p>
    </div>
  );
}
