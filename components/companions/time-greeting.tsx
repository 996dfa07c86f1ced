'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

function greetingFor(hour: number): string {
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** Greets by the reader's own clock, which the server does not know; "Hello" until hydrated. */
export function TimeGreeting({ name }: { name?: string | null }) {
  const greeting = useSyncExternalStore(
    subscribe,
    () => greetingFor(new Date().getHours()),
    () => 'Hello',
  );
  return (
    <>
      {greeting}
      {name ? `, ${name}` : ''}.
    </>
  );
}
