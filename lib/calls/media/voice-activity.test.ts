import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES } from './opus';
import { voiceActivityDetector, type VoiceActivity } from './voice-activity';

// A sentence spoken by espeak-ng (e2e/fixtures/make-speech.mjs): 16 kHz, half a second of quiet
// before it and five seconds after.
function fixture(name: string): Int16Array {
  const wav = readFileSync(path.join(process.cwd(), 'e2e/fixtures', name));
  const data = wav.subarray(44);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length - (data.length % 2)));
}

/** 16 kHz to the 48 kHz a call's track carries, each sample three times. */
const at48k = (pcm: Int16Array) => Int16Array.from({ length: pcm.length * 3 }, (_, i) => pcm[Math.floor(i / 3)]!);

async function heard(pcm: Int16Array, frame = FRAME_SAMPLES): Promise<VoiceActivity[]> {
  const detector = await voiceActivityDetector();
  const activity: VoiceActivity[] = [];
  for (let i = 0; i < pcm.length; i += frame) activity.push(...(await detector.hear(pcm.subarray(i, i + frame))));
  return activity;
}

describe('voice activity at the server', () => {
  it('hears a spoken sentence as one turn: speech where it starts, the turn once the silence after it is long enough', async () => {
    const sentence = fixture('speech-en.wav');
    const activity = await heard(at48k(sentence));
    expect(activity.map((a) => a.type)).toEqual(['speech', 'turn']);
    const [speech, turn] = activity as [
      Extract<VoiceActivity, { type: 'speech' }>,
      Extract<VoiceActivity, { type: 'turn' }>,
    ];
    expect(speech.atMs).toBeGreaterThan(300);
    expect(speech.atMs).toBeLessThan(900);
    // The turn holds the speech, from a little before it was detected, at 16 kHz.
    expect(turn.speechMs).toBeGreaterThan(1500);
    expect(turn.audio.length / 16).toBeGreaterThan(turn.speechMs);
    expect(turn.audio.length / 16).toBeLessThan(turn.speechMs + 1500);
    expect(turn.atMs - speech.atMs).toBeGreaterThan(turn.speechMs);
  });

  it('hears the same in frames of any length', async () => {
    const activity = await heard(at48k(fixture('speech-es.wav')), 1001);
    expect(activity.map((a) => a.type)).toEqual(['speech', 'turn']);
  });

  it('hears nothing in silence or in steady noise', async () => {
    expect(await heard(new Int16Array(48_000 * 3))).toEqual([]);
    let seed = 7;
    const noise = Int16Array.from({ length: 48_000 * 3 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed % 2000) - 1000;
    });
    expect((await heard(noise)).filter((a) => a.type === 'turn')).toEqual([]);
  });
});
