/**
 * The media of a live call, behind one interface: the chat pipeline hears the person's voice and
 * speaks the companion's through CallMedia, whatever carries it. webrtc.ts answers a browser's
 * offer on this server; a media platform (LiveKit, say) could carry calls instead by implementing
 * CallTransport.
 */

/** A STUN or TURN server the two ends may use to reach each other (RTCIceServer's shape). */
export type IceServer = { urls: string | string[]; username?: string; credential?: string };

/** One call's media, from the answer until it ends. Audio is 16-bit mono PCM at 48 kHz. */
export interface CallMedia {
  /** The SDP answer for the caller (with its candidates: no trickle ICE). */
  readonly answer: string;
  /** Hears each 20 ms frame of the person's voice as it arrives; returns the way to stop. */
  onVoice(listener: (frame: Int16Array) => void): () => void;
  /** Queues the companion's voice, sent in real time after what is already queued. */
  speak(pcm: Int16Array): void;
  /** Drops everything queued: the companion falls silent at the next frame (barge-in). */
  interrupt(): void;
  /** Whether queued speech is still being sent. */
  readonly speaking: boolean;
  /** Settles when the connection ends: hung up, closed or failed. */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

export interface CallTransport {
  /** Answers the caller's SDP offer; refuses an offer without audio. */
  answer(offer: string, options: { iceServers: readonly IceServer[] }): Promise<CallMedia>;
}
