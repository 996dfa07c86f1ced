import { useSyncExternalStore } from 'react';

// The key lives in this tab's sessionStorage only: it is sent to this server's API and nowhere else.
const STORAGE_KEY = 'hearth.docs.api-key';
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The bearer key "Try it" sends; empty before hydration and when none was given. */
export function useApiKey(): string {
  return useSyncExternalStore(
    subscribe,
    () => sessionStorage.getItem(STORAGE_KEY) ?? '',
    () => '',
  );
}

export function storeApiKey(key: string) {
  if (key) sessionStorage.setItem(STORAGE_KEY, key);
  else sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((listener) => listener());
}
