import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { SAMPLE_RATE } from './opus';

/**
 * End-of-turn detection at the server: Silero VAD v5 (the model the browser's detector ships in
 * @ricky0123/vad-web), run by onnxruntime's WebAssembly build, so nothing native is installed and
 * nothing is downloaded. It hears 16 kHz audio in 32 ms windows.
 */
const MODEL_PATH = path.join(process.cwd(), 'node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx');
const RATE = 16_000;
const WINDOW = 512;
const DECIMATION = SAMPLE_RATE / RATE;
const WINDOW_MS = (WINDOW / RATE) * 1000;

export type VoiceActivityOptions = {
  /** A window at least this likely to be speech starts (or continues) speech. */
  speechThreshold: number;
  /** Speech goes on until windows fall below this one. */
  silenceThreshold: number;
  /** How long a silence ends the person's turn. */
  endOfTurnMs: number;
  /** Speech shorter than this is a noise, not a turn (a cough, a click). */
  minSpeechMs: number;
  /** Audio kept from before speech was detected, so the first syllable is not cut. */
  preRollMs: number;
};

export const DEFAULT_VOICE_ACTIVITY: VoiceActivityOptions = {
  speechThreshold: 0.5,
  silenceThreshold: 0.35,
  endOfTurnMs: 700,
  minSpeechMs: 250,
  preRollMs: 300,
};

/**
 * What the detector heard: `speech` as soon as the person starts (barge-in stops the companion
 * on it), then `turn` with what they said at 16 kHz once a long enough silence ends it, or
 * `noise` when what started was too short to be a turn.
 */
export type VoiceActivity =
  | { type: 'speech'; atMs: number }
  | { type: 'turn'; atMs: number; audio: Int16Array; speechMs: number }
  | { type: 'noise'; atMs: number };

export type VoiceActivityDetector = {
  /** Hears 48 kHz mono PCM, in frames of any length, and returns what it detected in them, in order. */
  hear(pcm: Int16Array): Promise<VoiceActivity[]>;
};

let model: Promise<ort.InferenceSession> | null = null;

function sileroModel(): Promise<ort.InferenceSession> {
  ort.env.wasm.numThreads = 1;
  model ??= readFile(MODEL_PATH).then((bytes) => ort.InferenceSession.create(bytes));
  model.catch(() => (model = null));
  return model;
}

/** A detector for one call: the model is loaded once per process, the state is the call's own. */
export async function voiceActivityDetector(
  options: Partial<VoiceActivityOptions> = {},
): Promise<VoiceActivityDetector> {
  const settings = { ...DEFAULT_VOICE_ACTIVITY, ...options };
  const session = await sileroModel();
  const sampleRate = new ort.Tensor('int64', BigInt64Array.from([BigInt(RATE)]), []);
  let state: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
  const window = new Float32Array(WINDOW);
  let filled = 0;
  // Samples of a frame whose length was not a multiple of three, kept for the next.
  let carried: Int16Array = new Int16Array(0);
  let heardMs = 0;
  const preRoll: Int16Array[] = [];
  const preRollWindows = Math.ceil(settings.preRollMs / WINDOW_MS);
  let utterance: { startedAtMs: number; windows: Int16Array[]; silentMs: number; speechMs: number } | null = null;

  async function probability(): Promise<number> {
    const result = await session.run({
      input: new ort.Tensor('float32', window.slice(), [1, WINDOW]),
      state,
      sr: sampleRate,
    });
    state = result.stateN!;
    return (result.output!.data as Float32Array)[0]!;
  }

  async function judge(samples: Int16Array): Promise<VoiceActivity | null> {
    const p = await probability();
    heardMs += WINDOW_MS;
    if (!utterance) {
      preRoll.push(samples);
      if (preRoll.length > preRollWindows) preRoll.shift();
      if (p < settings.speechThreshold) return null;
      utterance = { startedAtMs: heardMs - WINDOW_MS, windows: preRoll.splice(0), silentMs: 0, speechMs: WINDOW_MS };
      return { type: 'speech', atMs: utterance.startedAtMs };
    }
    utterance.windows.push(samples);
    if (p >= settings.silenceThreshold) {
      utterance.speechMs += utterance.silentMs + WINDOW_MS;
      utterance.silentMs = 0;
      return null;
    }
    utterance.silentMs += WINDOW_MS;
    if (utterance.silentMs < settings.endOfTurnMs) return null;
    const ended = utterance;
    utterance = null;
    if (ended.speechMs < settings.minSpeechMs) return { type: 'noise', atMs: heardMs };
    return { type: 'turn', atMs: heardMs, audio: joined(ended.windows), speechMs: ended.speechMs };
  }

  return {
    async hear(frame) {
      const detected: VoiceActivity[] = [];
      const pcm = carried.length > 0 ? joined([carried, frame]) : frame;
      const usable = pcm.length - (pcm.length % DECIMATION);
      carried = pcm.slice(usable);
      // Three 48 kHz samples averaged to one: the low-pass a speech detector needs.
      for (let i = 0; i < usable; i += DECIMATION) {
        window[filled++] = (pcm[i]! + pcm[i + 1]! + pcm[i + 2]!) / (3 * 32768);
        if (filled < WINDOW) continue;
        filled = 0;
        const samples = Int16Array.from(window, (v) => Math.round(v * 32767));
        const activity = await judge(samples);
        if (activity) detected.push(activity);
      }
      return detected;
    },
  };
}

function joined(parts: Int16Array[]): Int16Array {
  const audio = new Int16Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    audio.set(part, at);
    at += part.length;
  }
  return audio;
}
