import { afterEach, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE, framesOf, opusCodec } from './opus';
import type { CallMedia } from './transport';
import { NoAudioError, webrtcTransport } from './webrtc';

// A caller on the loopback: another WebRTC peer, as a browser would be, with its own Opus codec.
function caller() {
  const peer = new RTCPeerConnection({});
  const microphone = new MediaStreamTrack({ kind: 'audio' });
  const transceiver = peer.addTransceiver(microphone, { direction: 'sendrecv' });
  const codec = opusCodec();
  const heard: Int16Array[] = [];
  transceiver.onTrack.subscribe((track) =>
    track.onReceiveRtp.subscribe((rtp) => heard.push(codec.decode(rtp.payload))),
  );
  let sequence = 0;
  return {
    peer,
    heard,
    async offer() {
      await peer.setLocalDescription(await peer.createOffer());
      return peer.localDescription!.sdp;
    },
    async connect(answer: string) {
      const connected = new Promise<void>((resolve) =>
        peer.connectionStateChange.subscribe((state) => state === 'connected' && resolve()),
      );
      await peer.setRemoteDescription({ type: 'answer', sdp: answer });
      await connected;
    },
    async say(pcm: Int16Array) {
      for (const frame of framesOf(pcm)) {
        sequence += 1;
        const header = new RtpHeader({ sequenceNumber: sequence, timestamp: sequence * FRAME_SAMPLES });
        microphone.writeRtp(new RtpPacket(header, codec.encode(frame)));
        await sleep(FRAME_MS);
      }
    },
    async close() {
      await peer.close();
      codec.close();
    },
  };
}

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

async function until(check: () => boolean, what: string) {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`Gave up waiting for ${what}.`);
    await sleep(20);
  }
}

describe('WebRTC call media', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.close()));
  });

  async function connected(): Promise<{ media: CallMedia; person: ReturnType<typeof caller> }> {
    const person = caller();
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
