'use client';

import { useEffect, useRef } from 'react';
import { CompanionPersonaDialog } from '@/components/settings/companion-persona-dialog';
import { ShareDialog } from './share-dialog';

type Props = {
  conversationId: string;
  companion: { ref: string; name: string };
  menuOpen: boolean;
  shareOpen: boolean;
  personaOpen: boolean;
  onCloseMenu: (returnFocus: boolean) => void;
  onShare: () => void;
  onCloseShare: () => void;
  onPersona: () => void;
  onClosePersona: () => void;
};

const item =
  'flex w-full items-center rounded-xl px-3 py-2 text-left text-sm text-ink hover:bg-sunken focus-visible:bg-sunken focus-visible:outline-none';

/**
 * The chat header's menu (loaded when first opened): Share, the conversation as a Markdown or
 * JSON download, and how the companion knows the person. A menu in the ARIA sense: arrows move,
 * Escape closes and gives focus back.
 */
export function ConversationMenuPanel({
  conversationId,
  companion,
  menuOpen,
  shareOpen,
  personaOpen,
  onCloseMenu,
  onShare,
  onCloseShare,
  onPersona,
  onClosePersona,
}: Props) {
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!menuOpen) return;
    items()[0]?.focus();
    const outside = (event: PointerEvent) => {
      const trigger = menu.current?.parentElement?.querySelector('[aria-haspopup="menu"]');
      if (!menu.current?.contains(event.target as Node) && !trigger?.contains(event.target as Node)) onCloseMenu(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [menuOpen, onCloseMenu]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      all[(move + all.length) % all.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCloseMenu(true);
    } else if (event.key === 'Tab') {
      onCloseMenu(false);
    }
  };

  const exportUrl = (format: 'md' | 'json') => `/api/v1/conversations/${conversationId}/export?format=${format}`;
  return (
    <>
      {menuOpen && (
        <div
          ref={menu}
          role="menu"
          aria-label="Conversation"
          onKeyDown={onKeyDown}
          className="absolute top-full right-0 z-30 mt-2 w-60 rounded-2xl bg-raised p-1.5 shadow-xl ring-1 ring-line"
        >
          <button type="button" role="menuitem" tabIndex={-1} className={item} onClick={onShare}>
            Share a link…
          </button>
          <div role="separator" className="my-1 h-px bg-line" />
          <a
            role="menuitem"
            tabIndex={-1}
            href={exportUrl('md')}
            download
            className={item}
            onClick={() => onCloseMenu(true)}
          >
            Download as Markdown
          </a>
          <a
            role="menuitem"
            tabIndex={-1}
            href={exportUrl('json')}
            download
            className={item}
            onClick={() => onCloseMenu(true)}
          >
            Download as JSON
          </a>
          <div role="separator" className="my-1 h-px bg-line" />
          <button type="button" role="menuitem" tabIndex={-1} className={item} onClick={onPersona}>
            How {companion.name} knows you…
          </button>
        </div>
      )}
      <ShareDialog
        open={shareOpen}
        conversationId={conversationId}
        companionName={companion.name}
        onClose={onCloseShare}
      />
      <CompanionPersonaDialog
        open={personaOpen}
        companionSlug={companion.ref}
        companionName={companion.name}
        onClose={onClosePersona}
      />
    </>
  );
}
