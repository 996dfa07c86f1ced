const COLOURS: Record<string, string> = {
  get: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  post: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
  patch: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  delete: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200',
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block w-16 shrink-0 rounded-md py-0.5 text-center font-mono text-xs font-semibold uppercase ${COLOURS[method] ?? ''}`}
    >
      {method}
    </span>
  );
}
