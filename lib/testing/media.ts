/** Small real media files made in code, for tests. */

/** Mono 16-bit little-endian PCM in a 44-byte RIFF/WAVE header. */
export function wavOf(pcm: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** A mono 16-bit PCM WAV of a sine tone (amplitude 0 gives silence). */
export function wavFile(seconds: number, { sampleRate = 16_000, frequency = 440, amplitude = 8000 } = {}): Uint8Array {
  const pcm = Buffer.alloc(Math.round(seconds * sampleRate) * 2);
  for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * amplitude), i * 2);
  const wav = wavOf(pcm, sampleRate);
  return new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength);
}
