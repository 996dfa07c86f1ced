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

/** A 16-bit WAV file's sample rate and the bytes of its data chunk; null when it is not one. */
export function samplesOfWav(wav: Uint8Array): { sampleRate: number; samples: Uint8Array } | null {
  if (wav.length < 44 || text(wav, 0) !== 'RIFF' || text(wav, 8) !== 'WAVE') return null;
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const sampleRate = view.getUint32(24, true);
  for (let at = 12; at + 8 <= wav.length; at += 8 + view.getUint32(at + 4, true)) {
    if (text(wav, at) === 'data')
      return { sampleRate, samples: wav.subarray(at + 8, at + 8 + view.getUint32(at + 4, true)) };
  }
  return null;
}

const text = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
