import { afterEach, describe, expect, it } from 'vitest';
import { RTCPeerConnection } from 'werift';
import { until, webrtcCaller, type WebrtcCaller } from '@/lib/testing/webrtc-caller';
import { FRAME_SAMPLES, SAMPLE_RATE } from './opus';
import type { CallMedia } from './transport';
import { NoAudioError, webrtcTransport } from './webrtc';

function tone(hz: number, ms: number, amplitude = 8000): Int16Array {
  const samples = new Int16Array((SAMPLE_RATE / 1000) * ms);
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
  return samples;
}

/** The pitch of what was heard, from its rising zero crossings, skipping the codec's first frames. */
function pitchOf(frames: Int16Array[]): number {
  const samples = frames.slice(5).flatMap((frame) => [...frame]);
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 && samples[i]! >= 0) crossings += 1;
  return (crossings * SAMPLE_RATE) / samples.length;
}

function rms(frames: Int16Array[]): number {
  const samples = frames.slice(5).flatMap((frame) => [...frame]);
  return Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebRTC call media', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.close()));
  });

  async function connected(): Promise<{ media: CallMedia; person: WebrtcCaller }> {
    const person = webrtcCaller();
    open.push(person);
    const media = await webrtcTransport.answer(await person.offer(), { iceServers: [] });
    open.push(media);
    expect(media.answer).toMatch(/^a=candidate:/m);
    expect(media.answer).toMatch(/a=rtpmap:\d+ opus\/48000\/2/i);
    await person.connect(media.answer);
    return { media, person };
  }

  it('hears the person and is heard: Opus both ways, decoded to the pitch that was sent', async () => {
    const { media, person } = await connected();
    const heardByServer: Int16Array[] = [];
    media.onVoice((frame) => heardByServer.push(frame));

    await person.say(tone(440, 600));
    await until(() => heardByServer.length >= 25, 'the person’s voice at the server');
    expect(heardByServer.every((frame) => frame.length === FRAME_SAMPLES)).toBe(true);
    expect(pitchOf(heardByServer)).toBeGreaterThan(420);
    expect(pitchOf(heardByServer)).toBeLessThan(460);
    expect(rms(heardByServer)).toBeGreaterThan(4000);

    media.speak(tone(660, 600));
    expect(media.speaking).toBe(true);
    await until(() => person.heard.length >= 25, 'the companion’s voice at the caller');
    expect(pitchOf(person.heard)).toBeGreaterThan(640);
    expect(pitchOf(person.heard)).toBeLessThan(680);
    await until(() => !media.speaking, 'the end of what was queued');
  });

  it('falls silent when interrupted: nothing queued before the interruption is sent after it', async () => {
    const { media, person } = await connected();
    media.speak(tone(330, 3000));
    await until(() => person.heard.length >= 10, 'the companion’s voice');
    media.interrupt();
    expect(media.speaking).toBe(false);
    const atInterrupt = person.heard.length;
    await sleep(300);
    // Packets already on the wire may still land; no more are sent (3 s would be 150 frames).
    expect(person.heard.length - atInterrupt).toBeLessThanOrEqual(2);
    expect(person.heard.length).toBeLessThan(150);

    media.speak(tone(330, 200));
    await until(() => person.heard.length >= atInterrupt + 8, 'speech after the interruption');
  });

  it('ends when hung up, and refuses an offer without audio', async () => {
    const { media } = await connected();
    await media.close();
    await media.ended;
    media.speak(tone(330, 200));
    expect(media.speaking).toBe(false);

    const dataOnly = new RTCPeerConnection({});
    open.push(dataOnly);
    dataOnly.createDataChannel('chat');
    await dataOnly.setLocalDescription(await dataOnly.createOffer());
    await expect(webrtcTransport.answer(dataOnly.localDescription!.sdp, { iceServers: [] })).rejects.toBeInstanceOf(
      NoAudioError,
    );
  });
});
