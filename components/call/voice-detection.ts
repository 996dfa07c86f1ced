'use client';

/**
 * Hands-free turn-taking: @ricky0123/vad-web's Silero model listens to the microphone in an audio
 * worklet and says when speech starts and ends. Everything it loads is served from /vad/ (copied
 * from node_modules at build time), so it works offline and under the CSP.
 */
export type VoiceDetection = { pause(): Promise<void>; start(): Promise<void>; destroy(): Promise<void> };

export type VoiceDetectionEvents = {
  /** Speech long enough not to be a misfire: the person is talking (barge-in). */
  onSpeech(): void;
  /** The utterance, 16 kHz mono samples, once the person stops. */
  onUtterance(samples: Float32Array): void;
};

export async function startVoiceDetection(stream: MediaStream, events: VoiceDetectionEvents): Promise<VoiceDetection> {
  const { MicVAD } = await import('@ricky0123/vad-web');
  const vad = await MicVAD.new({
    model: 'legacy',
    baseAssetPath: '/vad/',
    onnxWASMBasePath: '/vad/',
    getStream: async () => stream,
    pauseStream: async () => {},
    resumeStream: async () => stream,
    startOnLoad: true,
    // Single-threaded: threads would need cross-origin isolation, and one is plenty for this model.
    ortConfig: (ort) => {
      ort.env.wasm.numThreads = 1;
    },
    // About 0.6 s of quiet ends an utterance.
    redemptionMs: 600,
    minSpeechMs: 250,
    onSpeechRealStart: () => events.onSpeech(),
    onSpeechEnd: (audio) => events.onUtterance(audio),
  });
  return { pause: () => vad.pause(), start: () => vad.start(), destroy: () => vad.destroy() };
}
