'use client';

import { useEffect, useEffectEvent, type RefObject } from 'react';
import { SpeechPlayer, type SpeechPlayerEvents } from './speech-player';

/**
 * The companion's voice, kept in `playerRef` for as long as the screen is open. Browsers allow sound
 * only after a gesture: any tap or key on the screen unlocks it.
 */
export function useSpeechPlayer(playerRef: RefObject<SpeechPlayer | null>, events: Required<SpeechPlayerEvents>): void {
  const onStart = useEffectEvent(events.onStart);
  const onIdle = useEffectEvent(events.onIdle);
  const onLevel = useEffectEvent(events.onLevel);

  useEffect(() => {
    const speech = new SpeechPlayer({
      onStart: () => onStart(),
      onIdle: () => onIdle(),
      onLevel: (level) => onLevel(level),
    });
    playerRef.current = speech;
    speech.resume();
    const unlock = () => speech.resume();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      speech.close();
      playerRef.current = null;
    };
  }, [playerRef]);
}
