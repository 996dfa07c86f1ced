'use client';

import { MenuIcon } from '@/components/ui/icons';
import { buttonStyles } from '@/components/ui/button';
import { useSidebar } from '@/components/sidebar/store';

/** The bar that opens the conversation drawer on narrow screens, and its button alone. */
export function MobileHeader({ title }: { title: string }) {
  return (
    <div className="flex items-center gap-2 border-b border-line px-2 py-2 md:hidden">
      <OpenSidebarButton />
      <span className="font-medium">{title}</span>
    </div>
  );
}

export function OpenSidebarButton({ className = '' }: { className?: string }) {
  const toggle = useSidebar((s) => s.toggle);
  return (
    <button
      type="button"
      className={`${buttonStyles.icon} ${className}`}
      aria-label="Open conversations"
      aria-controls="conversation-sidebar"
      onClick={toggle}
    >
      <MenuIcon />
    </button>
  );
}
