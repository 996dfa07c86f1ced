/** One card of the security page, titled for screen readers' landmarks. */
export function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-2xl border border-line bg-raised p-5 sm:p-6">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-ink-soft">{description}</div>}
      <div className="mt-4">{children}</div>
    </section>
  );
}
