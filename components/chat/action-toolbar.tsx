'use client';

import { useLayoutEffect, useRef } from 'react';

const ITEMS = 'button:not(:disabled), select';

/**
 * A message's actions as one Tab stop (review D24: every action of every message stood between the
 * top of the page and the composer). Tab reaches the first action; the arrow keys, Home and End
 * move between them (a select keeps its own arrow keys); Tab again leaves the message.
 */
export function ActionToolbar({
  label,
  className,
  children,
}: {
  label: string;
  className: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const active = useRef(0);

  useLayoutEffect(() => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    if (active.current >= items.length) active.current = 0;
    items.forEach((item, index) => (item.tabIndex = index === active.current ? 0 : -1));
  });

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.target instanceof HTMLSelectElement) return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const at = items.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (at + 1) % items.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (at - 1 + items.length) % items.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? items.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    items[at]!.tabIndex = -1;
    items[next]!.tabIndex = 0;
    items[next]!.focus();
    active.current = next;
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
        const at = items.indexOf(event.target as HTMLElement);
        if (at >= 0) active.current = at;
      }}
      className={className}
      data-testid="message-actions"
    >
      {children}
    </div>
  );
}
