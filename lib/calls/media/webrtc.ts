import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE, framesOf, opusCodec } from './opus';
import type { CallMedia, CallTransport } from './transport';

// What browsers offer for voice; the encoder sends mono in it.
const OPUS = new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: SAMPLE_RATE, channels: 2 });
// After a stall of the event loop, catch up by at most this many frames at once rather than burst.
const MAX_CATCH_UP_FRAMES = 3;

/**
 * Calls carried by WebRTC on this server (werift: WebRTC in TypeScript, so no native binary to
 * build or download). The server answers the browser's offer; the person's Opus is decoded as it
 * arrives and the companion's voice is encoded and paced onto the answer's audio track.
 */
export const webrtcTransport: CallTransport = {
  async answer(offer, { iceServers }) {
    const peer = new RTCPeerConnection({
      iceServers: iceServers.map((server) => ({ ...server })),
      codecs: { audio: [OPUS] },
    });
    const voice = new MediaStreamTrack({ kind: 'audio' });
    const media = callMedia(peer, voice);
    // The caller's track is announced while its offer is applied.
    peer.onTrack.subscribe((track) => {
      if (track.kind === 'audio') track.onReceiveRtp.subscribe((rtp) => media.heard(rtp.payload));
    });
    try {
      await peer.setRemoteDescription({ type: 'offer', sdp: offer });
      const transceiver = peer.getTransceivers().find((t) => t.kind === 'audio');
      if (!transceiver) throw new NoAudioError();
      transceiver.setDirection('sendrecv');
      await transceiver.sender.replaceTrack(voice);
      await peer.setLocalDescription(await peer.createAnswer());
      return media.withAnswer(peer.localDescription!.sdp);
    } catch (error) {
      await peer.close();
      throw error;
    }
  },
};

export class NoAudioError extends Error {
  constructor() {
    super('The offer has no audio to answer.');
  }
}

function callMedia(peer: RTCPeerConnection, voice: MediaStreamTrack) {
  const codec = opusCodec();
  const listeners = new Set<(frame: Int16Array) => void>();
  const queue: Int16Array[] = [];
  const speech = { timer: null as NodeJS.Timeout | null, startedAt: 0, sent: 0 };
  // RTP's clock runs on through silences, so that the far end's jitter buffer places each
  // talkspurt where it belongs; a talkspurt's first packet carries the marker bit.
  const rtp = { origin: performance.now(), base: randomUint(32), sequence: randomUint(16), next: 0 };

  const ended = new Promise<void>((resolve) => {
    peer.connectionStateChange.subscribe((state) => {
      if (state === 'closed' || state === 'failed' || state === 'disconnected') resolve();
    });
  });
  void ended.then(() => {
    stopSending();
    codec.close();
  });

  function send(frame: Int16Array, first: boolean) {
    if (first) rtp.next = Math.max(rtp.next, Math.round(((performance.now() - rtp.origin) * SAMPLE_RATE) / 1000));
    rtp.sequence = (rtp.sequence + 1) & 0xffff;
    const header = new RtpHeader({
      sequenceNumber: rtp.sequence,
      timestamp: (rtp.base + rtp.next) >>> 0,
      marker: first,
    });
    rtp.next += FRAME_SAMPLES;
    voice.writeRtp(new RtpPacket(header, codec.encode(frame)));
  }

  // Frames go out on the wall clock: as many as are due since the talkspurt began.
  function tick() {
    const due = Math.floor((performance.now() - speech.startedAt) / FRAME_MS) + 1 - speech.sent;
    for (let i = 0; i < Math.min(due, MAX_CATCH_UP_FRAMES) && queue.length > 0; i++) {
      send(queue.shift()!, speech.sent === 0);
      speech.sent += 1;
    }
    if (queue.length === 0) stopSending();
  }

  function stopSending() {
    if (speech.timer) clearInterval(speech.timer);
    speech.timer = null;
  }

  const media = {
    heard(packet: Buffer) {
      if (listeners.size === 0) return;
      const frame = codec.decode(packet);
      for (const listener of listeners) listener(frame);
    },
    withAnswer(answer: string): CallMedia {
      return {
        answer,
        onVoice(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        speak(pcm) {
          if (peer.connectionState === 'closed') return;
          queue.push(...framesOf(pcm));
          if (speech.timer) return;
          speech.startedAt = performance.now();
          speech.sent = 0;
          speech.timer = setInterval(tick, FRAME_MS);
          tick();
        },
        interrupt() {
          queue.length = 0;
          stopSending();
        },
        get speaking() {
          return speech.timer !== null;
        },
        ended,
        close: () => peer.close(),
      };
    },
  };
  return media;
}

function randomUint(bits: 16 | 32): number {
  return Math.floor(Math.random() * 2 ** bits);
}
