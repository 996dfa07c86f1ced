export function Logo({ className = '' }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 64 64" aria-hidden="true" className="size-7">
        <rect width="64" height="64" rx="16" className="fill-stone-900 dark:fill-stone-100" />
        <path d="M32 12c4 8 14 13 14 25a14 14 0 0 1-28 0c0-7 4-11 7-14 0 5 2 8 5 9-2-7 0-14 2-20z" fill="#f57a12" />
        <path d="M32 34c2 3 6 5 6 10a6 6 0 0 1-12 0c0-4 3-6 6-10z" fill="#fbbd71" />
      </svg>
      Hearth
    </span>
  );
}
