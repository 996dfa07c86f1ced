'use client';

import dynamic from 'next/dynamic';
import { useCallback, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';

const loadPanel = () => import('@/components/sharing/conversation-menu-panel');
// The menu, the share dialog and their requests load when the menu is first opened (or hovered),
// not with the chat page.
const ConversationMenuPanel = dynamic(() => loadPanel().then((m) => m.ConversationMenuPanel), {
  ssr: false,
  loading: () => (
    <div
      role="status"
      className="absolute top-full right-0 z-30 mt-2 w-60 rounded-2xl bg-raised p-3 text-sm text-ink-faint shadow-xl ring-1 ring-line"
    >
      Loading…
    </div>
  ),
});

const DotsIcon = () => (
  <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" className="size-5">
    <circle cx="5" cy="12" r="1.8" />
    <circle cx="12" cy="12" r="1.8" />
    <circle cx="19" cy="12" r="1.8" />
  </svg>
);

/** The chat header's "More" button: share a link to the conversation, download it, or say how the companion knows you. */
export function ConversationMenu({
  conversationId,
  companion,
}: {
  conversationId: string;
  companion: { ref: string; name: string };
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  const [used, setUsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [personaOpen, setPersonaOpen] = useState(false);

  const closeMenu = useCallback((returnFocus: boolean) => {
    setMenuOpen(false);
    if (returnFocus) trigger.current?.focus();
  }, []);

  return (
    <div className="relative">
      <button
        ref={trigger}
        type="button"
        className={buttonStyles.icon}
        aria-label="More: share, download, about you"
        title="Share, download, about you"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        onPointerEnter={() => void loadPanel()}
        onClick={() => {
          setUsed(true);
          setMenuOpen((open) => !open);
        }}
      >
        <DotsIcon />
      </button>
      {used && (
        <ConversationMenuPanel
          conversationId={conversationId}
          companion={companion}
          menuOpen={menuOpen}
          shareOpen={shareOpen}
          personaOpen={personaOpen}
          onCloseMenu={closeMenu}
          onShare={() => {
            setMenuOpen(false);
            setShareOpen(true);
          }}
          onCloseShare={() => {
            setShareOpen(false);
            trigger.current?.focus();
          }}
          onPersona={() => {
            setMenuOpen(false);
            setPersonaOpen(true);
          }}
          onClosePersona={() => {
            setPersonaOpen(false);
            trigger.current?.focus();
          }}
        />
      )}
    </div>
  );
}
