'use client';

import dynamic from 'next/dynamic';
import type { CallScreenProps } from './call-screen';

// The call screen (voice detection, the audio player) loads only when a call opens.
const CallScreen = dynamic(() => import('./call-screen').then((m) => m.CallScreen), {
  ssr: false,
  loading: () => (
    <div className="fixed inset-0 grid place-items-center bg-stone-950 text-stone-400" role="status">
      <span className="flex flex-col items-center gap-6">
        <span aria-hidden className="size-56 rounded-full bg-stone-800 motion-safe:animate-pulse" />
        Connecting…
      </span>
    </div>
  ),
});

export function CallScreenLoader(props: CallScreenProps) {
  return <CallScreen {...props} />;
}
