'use client';

import { useEffect } from 'react';

/**
 * Registers public/sw.js (the offline page), once the page has loaded so it never competes with
 * what the page needs first. The root layout renders this in production builds only: in
 * development a service worker would outlive the code it was built from.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const register = () =>
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
        console.warn('[offline] the service worker could not be registered:', error);
      });
    if (document.readyState === 'complete') void register();
    else window.addEventListener('load', register, { once: true });
  }, []);
  return null;
}
