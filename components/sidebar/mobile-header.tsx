'use client';

import { MenuIcon } from '@/components/ui/icons';
import { buttonStyles } from '@/components/ui/button';
import { useSidebar } from '@/lib/stores/sidebar';

/** The bar that opens the conversation drawer on narrow screens. */
export function MobileHeader({ title, children }: { title?: string; children?: React.ReactNode }) {
  const toggle = useSidebar((s) => s.toggle);
  return (
    <div className="flex items-center gap-2 border-b border-line px-2 py-2 md:hidden">
      <button type="button" className={buttonStyles.icon} aria-label="Open conversations" aria-controls="conversation-sidebar" onClick={toggle}>
        <MenuIcon />
      </button>
      {children ?? <span className="font-medium">{title}</span>}
    </div>
  );
}
