import { AppRouterContext, type AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime';
import type { ReactNode } from 'react';

/**
 * The App Router's context with a router that only notes where it was sent ("replace /admin/…",
 * "refresh"), for rendering a component that navigates outside a Next.js app.
 */
export function recordingRouter() {
  const visits: string[] = [];
  const router: AppRouterInstance = {
    back: () => visits.push('back'),
    forward: () => visits.push('forward'),
    refresh: () => visits.push('refresh'),
    push: (href) => visits.push(`push ${href}`),
    replace: (href) => visits.push(`replace ${href}`),
    prefetch: () => {},
    bfcacheId: '_b_0_',
  };
  function RouterProvider({ children }: { children: ReactNode }) {
    return <AppRouterContext.Provider value={router}>{children}</AppRouterContext.Provider>;
  }
  return { visits, wrapper: RouterProvider };
}
