'use client';

import { usePathname } from 'next/navigation';

/**
 * "Skip to message box": the first stop for a keyboard on a chat page (review D24: the composer was
 * 36 Tab presses away, behind the sidebar). Shown only while focused. It sits before the sidebar,
 * so it lives in the signed-in layout and appears on chat pages only.
 */
export function SkipToComposer() {
  const pathname = usePathname();
  if (!pathname.startsWith('/chat/')) return null;
  return (
    <a
      href="#composer"
      onClick={(event) => {
        const composer = document.getElementById('composer');
        if (!composer) return;
        event.preventDefault();
        composer.focus();
      }}
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-full focus:bg-stone-900 focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-white focus:shadow-lg dark:focus:bg-stone-100 dark:focus:text-stone-900"
    >
      Skip to message box
    </a>
  );
}
