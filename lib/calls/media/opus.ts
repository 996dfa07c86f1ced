import OpusScript from 'opusscript';

/** WebRTC's Opus clock, and the 20 ms frame both ends of a call send. */
export const SAMPLE_RATE = 48_000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (SAMPLE_RATE / 1000) * FRAME_MS;

/**
 * One call's mono Opus encoder and decoder (libopus compiled to WebAssembly, shipped inside the
 * npm package: nothing is built or downloaded at install). Audio is 16-bit PCM at 48 kHz.
 */
export type OpusCodec = {
  /** One frame of exactly FRAME_SAMPLES samples to one Opus packet. */
  encode(frame: Int16Array): Buffer;
  /** One Opus packet, mono or stereo, to mono samples. */
  decode(packet: Buffer): Int16Array;
  close(): void;
};

export function opusCodec(): OpusCodec {
  const encoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
  const decoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
  return {
    encode(frame) {
      if (frame.length !== FRAME_SAMPLES) throw new RangeError(`An Opus frame is ${FRAME_SAMPLES} samples.`);
      return encoder.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), FRAME_SAMPLES);
    },
    decode(packet) {
      const pcm = decoder.decode(packet);
      // A copy: the decoder's buffer may start at an odd byte, and it is reused.
      return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
    },
    close() {
      encoder.delete();
      decoder.delete();
    },
  };
}

/** PCM cut into whole frames, the last padded with silence. */
export function framesOf(pcm: Int16Array): Int16Array[] {
  const frames: Int16Array[] = [];
  for (let start = 0; start < pcm.length; start += FRAME_SAMPLES) {
    const frame = new Int16Array(FRAME_SAMPLES);
    frame.set(pcm.subarray(start, start + FRAME_SAMPLES));
    frames.push(frame);
  }
  return frames;
}
