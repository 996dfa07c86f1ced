/**
 * "Skip to message box": the first stop for a keyboard on a chat page (review D24: the composer was
 * 36 Tab presses away, behind the sidebar). It sits before the sidebar, so it lives in the
 * signed-in layout; a page without a composer hides it (CSS :has, no JavaScript). Following the
 * link focuses the composer, which is focusable, as browsers do with a link's target.
 */
export function SkipToComposer() {
  return (
    <a
      href="#composer"
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-full focus:bg-stone-900 focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-white focus:shadow-lg dark:focus:bg-stone-100 dark:focus:text-stone-900 [body:not(:has(#composer))_&]:hidden"
    >
      Skip to message box
    </a>
  );
}
