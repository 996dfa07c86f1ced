import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { FRAME_MS, FRAME_SAMPLES, framesOf, opusCodec } from '@/lib/calls/media/opus';

/**
 * A caller on the loopback for call tests: another WebRTC peer, as a browser would be, with its
 * own Opus codec. `heard` collects the companion's voice as decoded 20 ms frames; say(pcm) sends
 * 48 kHz mono PCM in real time.
 */
export function webrtcCaller() {
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
        await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
      }
    },
    async close() {
      await peer.close();
      codec.close();
    },
  };
}

export type WebrtcCaller = ReturnType<typeof webrtcCaller>;

/** Frames whose loudness (RMS) is above the threshold: what of the heard audio is sound, not silence. */
export function loudFrames(frames: Int16Array[], threshold = 500): number {
  return frames.filter((frame) => Math.sqrt(frame.reduce((sum, v) => sum + v * v, 0) / frame.length) > threshold)
    .length;
}

export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > timeoutMs) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
