/**
 * A wide table's frame: on a phone it scrolls sideways, so it takes focus and has a name, and a
 * keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroller({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-2xl border border-line bg-raised focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ember-600"
    >
      {children}
    </div>
  );
}
