'use client';

import { useEffect, useEffectEvent, useState } from 'react';

/** How long the call has run, ticking every second, and `expired` with its full length once its time is up. */
export function useCallClock(createdAt: string, expiresAt: string, expired: (durationMs: number) => void): number {
  const [elapsed, setElapsed] = useState(0);
  const onExpired = useEffectEvent(expired);
  useEffect(() => {
    const created = Date.parse(createdAt);
    const expires = Date.parse(expiresAt);
    const tick = () => {
      setElapsed(Date.now() - created);
      if (Date.now() >= expires) onExpired(expires - created);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [createdAt, expiresAt]);
  return elapsed;
}
