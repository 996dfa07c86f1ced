import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False in the server render and before hydration; true once React handles events. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
