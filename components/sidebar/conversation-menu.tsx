'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { MoreIcon } from './list-icons';

export type MenuAction = { label: string; icon: React.ReactNode; onSelect: () => void; danger?: boolean };

const WIDTH = 192;
const ITEM_HEIGHT = 40;

/**
 * A conversation's "…" menu: one tab stop per conversation instead of one per action. Opens below
 * its button (above it near the bottom of the screen), on top of everything (a portal, so the
 * scrolling list cannot clip it); arrow keys move between actions, Escape closes and returns focus.
 */
export function ConversationMenu({ title, actions }: { title: string; actions: MenuAction[] }) {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const open = position !== null;

  const show = () => {
    const box = button.current!.getBoundingClientRect();
    const height = actions.length * ITEM_HEIGHT + 10;
    const fitsBelow = box.bottom + 4 + height < window.innerHeight;
    setPosition({
      top: fitsBelow ? box.bottom + 4 : Math.max(8, box.top - 4 - height),
      left: Math.max(8, box.right - WIDTH),
    });
  };
  const close = (refocus: boolean) => {
    setPosition(null);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setPosition(null);
    };
    const away = () => setPosition(null);
    document.addEventListener('pointerdown', outside);
    window.addEventListener('resize', away);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('resize', away);
    };
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close(false);
    else if (event.key === 'ArrowDown') focus(at + 1);
    else if (event.key === 'ArrowUp') focus(at - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(items.length - 1);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="rounded-lg p-1.5 text-ink-faint hover:bg-raised hover:text-ink aria-expanded:bg-raised aria-expanded:text-ink"
        aria-label={`Options for “${title}”`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(false) : show())}
      >
        <MoreIcon />
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            id={id}
            role="menu"
            aria-label={`Options for “${title}”`}
            onKeyDown={onKeyDown}
            style={{ top: position.top, left: position.left, width: WIDTH }}
            className="fixed z-50 animate-fade-in rounded-xl border border-line bg-raised p-1 shadow-xl"
          >
            {actions.map((action) => (
              <button
                key={action.label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(false);
                  action.onSelect();
                }}
                className={`flex h-[38px] w-full items-center gap-2.5 rounded-lg px-2.5 text-left text-sm outline-none hover:bg-sunken focus-visible:bg-sunken ${
                  action.danger ? 'text-red-700 dark:text-red-400' : 'text-ink'
                }`}
              >
                {action.icon}
                {action.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
