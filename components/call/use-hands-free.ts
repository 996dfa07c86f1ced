'use client';

import { useCallback, useEffect, useEffectEvent, useRef } from 'react';
import type { MicProblem } from './call-state';
import { startVoiceDetection, type VoiceDetection } from './voice-detection';

export type HandsFreeEvents = {
  ready(): void;
  failed(problem: MicProblem): void;
  /** The person started talking (over the companion, perhaps). */
  speech(): void;
  /** What the person said, 16 kHz mono samples, once they stopped. */
  utterance(samples: Float32Array): void;
};

/**
 * Hands-free turns: while `listening`, the microphone, listened to by voice activity detection.
 * Once it turns false (the call ended) or the screen closes, the microphone is let go.
 */
export function useHandsFree(listening: boolean, events: HandsFreeEvents): { setMuted(muted: boolean): void } {
  const detection = useRef<VoiceDetection | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const ready = useEffectEvent(events.ready);
  const failed = useEffectEvent(events.failed);
  const speech = useEffectEvent(events.speech);
  const utterance = useEffectEvent(events.utterance);

  useEffect(() => {
    if (!listening) return;
    let cancelled = false;
    void (async () => {
      try {
        const media = await navigator.mediaDevices.getUserMedia({
          audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        });
        if (cancelled) return media.getTracks().forEach((track) => track.stop());
        stream.current = media;
        const vad = await startVoiceDetection(media, {
          onSpeech: () => speech(),
          onUtterance: (samples) => utterance(samples),
        });
        if (cancelled) return void vad.destroy();
        detection.current = vad;
        ready();
      } catch (caught) {
        if (cancelled) return;
        console.warn('[call] listening could not start:', caught);
        failed(micProblem(caught));
      }
    })();
    return () => {
      cancelled = true;
      void detection.current?.destroy();
      detection.current = null;
      stream.current?.getTracks().forEach((track) => track.stop());
    };
  }, [listening]);

  const setMuted = useCallback((muted: boolean) => {
    stream.current?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    void (muted ? detection.current?.pause() : detection.current?.start());
  }, []);
  return { setMuted };
}

function micProblem(caught: unknown): MicProblem {
  const name = (caught as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}
