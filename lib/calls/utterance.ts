import { HearthError } from '@/lib/errors';
import { imageDimensions } from '@/lib/uploads/dimensions';
import { IMAGE_TYPES, MAX_IMAGE_SIDE, type AudioType, type ImageType } from '@/lib/uploads/limits';
import { sniffMediaType } from '@/lib/uploads/sniff';
import { LANGUAGES, isLanguage, type Language } from '@/lib/languages';
import { parseWith, readBodyBytes } from '@/lib/validation/parse';
import { typedText } from '@/lib/calls/schemas';

/**
 * What one turn of a call may carry. A turn goes through the app in one request, and a serverless
 * function takes at most 4.5 MB (Vercel), so the whole body stays under that: the call screen
 * sends 16 kHz mono WAV (60 s is 1.9 MB) and a 512-pixel JPEG frame (tens of KB); an API client
 * has room for 3 MB of audio and a 1 MB frame. Larger files take the two-step upload instead.
 */
export const FUNCTION_BODY_LIMIT_BYTES = 4_500_000;
export const MAX_UTTERANCE_SECONDS = 60;
export const MAX_UTTERANCE_BYTES = 3 * 1024 * 1024;
export const MAX_FRAME_BYTES = 1024 * 1024;
export const MAX_TYPED_CHARACTERS = 4_000;
// Room for the multipart framing and the small fields.
export const MAX_TURN_BYTES = MAX_UTTERANCE_BYTES + MAX_FRAME_BYTES + 64 * 1024;
// Below this RMS (of full scale) a WAV is taken as silence: room noise, not speech.
const SILENCE_RMS = 0.004;

export type Utterance = { bytes: Uint8Array; mediaType: AudioType; seconds: number | null };
export type CameraFrame = { bytes: Uint8Array; mediaType: ImageType };
/** The client's report of when the previous reply started playing (ms from its end of speech). */
export type PlaybackReport = { turnId: string; playbackMs: number };

export type TurnInput =
  | {
      kind: 'voice';
      audio: Utterance;
      frame: CameraFrame | null;
      language: Language | null;
      speechMs: number | null;
      playback: PlaybackReport | null;
    }
  | {
      kind: 'text';
      text: string;
      frame: CameraFrame | null;
      language: Language | null;
      speechMs: null;
      playback: PlaybackReport | null;
    };

/**
 * Reads a turn's multipart body: `audio` (the utterance: WAV, WebM/Opus, Ogg, MP3 or M4A) or
 * `text` (typed in the call), optional `image` (a camera frame, JPEG or PNG), `language`,
 * `speech_ms` and `playback` (JSON {turn_id, playback_ms}). Too large is a 413 before the body is
 * buffered; empty, silent, too long or not audio is a 400/413 naming the field.
 */
export async function receiveTurn(request: Request): Promise<TurnInput> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(contentType)) {
    throw new HearthError(
      'bad_request',
      'Send the turn as multipart/form-data with an "audio" file or a "text" field.',
    );
  }
  const tooLarge = () =>
    new HearthError(
      'payload_too_large',
      `A turn can carry at most ${MAX_UTTERANCE_BYTES / 1024 / 1024} MB of audio and a ${MAX_FRAME_BYTES / 1024 / 1024} MB camera frame.`,
      { param: 'audio' },
    );
  const body = await readBodyBytes(request, MAX_TURN_BYTES, tooLarge).catch((error: unknown) => {
    if (error instanceof HearthError) throw error;
    throw new HearthError('bad_request', 'The request body broke off.');
  });
  let form: FormData;
  try {
    form = await new Response(body ? Buffer.from(body) : null, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HearthError('bad_request', 'The multipart body could not be read.');
  }

  const language = field(form, 'language');
  if (language !== null && !isLanguage(language))
    throw new HearthError('bad_request', `language must be one of ${LANGUAGES.join(', ')}.`, { param: 'language' });
  const playback = playbackOf(field(form, 'playback'));
  const image = await frameOf(form.get('image'));
  const audio = form.get('audio');
  const text = parseWith(typedText, { text: field(form, 'text') }).text;

  if (audio !== null && text !== null)
    throw new HearthError('bad_request', 'Send either "audio" or "text", not both.', { param: 'text' });
  if (text !== null) {
    const trimmed = text.trim();
    if (!trimmed) throw new HearthError('bad_request', 'The message is empty.', { param: 'text' });
    if (trimmed.length > MAX_TYPED_CHARACTERS)
      throw new HearthError('bad_request', `A message can be at most ${MAX_TYPED_CHARACTERS} characters.`, {
        param: 'text',
      });
    return { kind: 'text', text: trimmed, frame: image, language, speechMs: null, playback };
  }
  if (!(audio instanceof Blob))
    throw new HearthError('bad_request', 'Send the utterance as a file in the field "audio", or "text".', {
      param: 'audio',
    });
  const speechMs = field(form, 'speech_ms');
  const reportedMs = speechMs === null ? null : Number(speechMs);
  if (reportedMs !== null && !(Number.isInteger(reportedMs) && reportedMs >= 0 && reportedMs <= 3_600_000)) {
    throw new HearthError('bad_request', 'speech_ms must be a whole number of milliseconds.', { param: 'speech_ms' });
  }
  const checked = checkUtterance(new Uint8Array(await audio.arrayBuffer()));
  const seconds = checked.seconds ?? (reportedMs === null ? null : reportedMs / 1000);
  if (seconds !== null && seconds > MAX_UTTERANCE_SECONDS) {
    throw new HearthError(
      'payload_too_large',
      `An utterance can be at most ${MAX_UTTERANCE_SECONDS} seconds; this one is ${Math.round(seconds)}.`,
      { param: 'audio' },
    );
  }
  return {
    kind: 'voice',
    audio: { ...checked, seconds },
    frame: image,
    language,
    speechMs: seconds === null ? null : Math.round(seconds * 1000),
    playback,
  };
}

/** The utterance's type from its bytes; a WAV is also measured, and refused when it is silent. */
export function checkUtterance(bytes: Uint8Array): Utterance {
  if (bytes.byteLength === 0) throw new HearthError('bad_request', 'The audio is empty.', { param: 'audio' });
  if (bytes.byteLength > MAX_UTTERANCE_BYTES)
    throw new HearthError('payload_too_large', `An utterance can be at most ${MAX_UTTERANCE_BYTES / 1024 / 1024} MB.`, {
      param: 'audio',
    });
  const mediaType = sniffMediaType(bytes);
  if (!mediaType?.startsWith('audio/')) {
    throw new HearthError(
      'bad_request',
      'This is not audio: send WAV, WebM/Opus, Ogg, MP3 or M4A (the type is read from the content).',
      { param: 'audio' },
    );
  }
  if (mediaType !== 'audio/wav') return { bytes, mediaType: mediaType as AudioType, seconds: null };
  const pcm = readWav(bytes);
  if (!pcm)
    throw new HearthError('bad_request', 'This WAV file could not be read: its header is damaged or cut short.', {
      param: 'audio',
    });
  if (pcm.seconds > MAX_UTTERANCE_SECONDS) {
    throw new HearthError(
      'payload_too_large',
      `An utterance can be at most ${MAX_UTTERANCE_SECONDS} seconds; this one is ${Math.round(pcm.seconds)}.`,
      { param: 'audio' },
    );
  }
  if (pcm.rms !== null && pcm.rms < SILENCE_RMS)
    throw new HearthError('bad_request', 'The audio is silent: nothing was said.', { param: 'audio' });
  return { bytes, mediaType: 'audio/wav', seconds: pcm.seconds };
}

/** A WAV's duration and, for 16-bit PCM, its loudness (RMS of full scale); null when unreadable. */
export function readWav(bytes: Uint8Array): { seconds: number; rms: number | null } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: { channels: number; rate: number; bits: number; code: number } | null = null;
  for (let offset = 12; offset + 8 <= bytes.byteLength;) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 24 <= bytes.byteLength) {
      format = {
        code: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        rate: view.getUint32(offset + 12, true),
        bits: view.getUint16(offset + 22, true),
      };
    } else if (id === 'data' && format && format.rate > 0 && format.channels > 0 && format.bits > 0) {
      // A streamed WAV may declare 0 or 0xFFFFFFFF: the data then runs to the end of the file.
      const available = bytes.byteLength - offset - 8;
      const length = size === 0 || size > available ? available : size;
      const seconds = length / (format.rate * format.channels * (format.bits / 8));
      if (format.code !== 1 || format.bits !== 16) return { seconds, rms: null };
      let sum = 0;
      const samples = Math.floor(length / 2);
      for (let i = 0; i < samples; i++) sum += (view.getInt16(offset + 8 + i * 2, true) / 32768) ** 2;
      return { seconds, rms: samples ? Math.sqrt(sum / samples) : 0 };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}

async function frameOf(value: FormDataEntryValue | null): Promise<CameraFrame | null> {
  if (value === null) return null;
  if (!(value instanceof Blob) || value.size === 0)
    throw new HearthError('bad_request', 'The camera frame is empty.', { param: 'image' });
  if (value.size > MAX_FRAME_BYTES)
    throw new HearthError('payload_too_large', `A camera frame can be at most ${MAX_FRAME_BYTES / 1024 / 1024} MB.`, {
      param: 'image',
    });
  const bytes = new Uint8Array(await value.arrayBuffer());
  const mediaType = sniffMediaType(bytes);
  if (mediaType !== 'image/jpeg' && mediaType !== 'image/png')
    throw new HearthError('bad_request', 'The camera frame must be a JPEG or PNG image.', { param: 'image' });
  const size = imageDimensions(bytes, mediaType);
  if (!size) throw new HearthError('bad_request', 'The camera frame could not be read.', { param: 'image' });
  // The uploads' cap: a small file whose header claims a huge picture would be a bomb for whatever decodes it.
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    throw new HearthError(
      'bad_request',
      `A camera frame can be at most ${MAX_IMAGE_SIDE} × ${MAX_IMAGE_SIDE} pixels.`,
      { param: 'image' },
    );
  }
  return { bytes, mediaType: mediaType satisfies (typeof IMAGE_TYPES)[number] };
}

function playbackOf(value: string | null): PlaybackReport | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as { turn_id?: unknown; playback_ms?: unknown };
    if (
      typeof parsed.turn_id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(parsed.turn_id) &&
      Number.isInteger(parsed.playback_ms) &&
      (parsed.playback_ms as number) >= 0 &&
      (parsed.playback_ms as number) < 3_600_000
    ) {
      return { turnId: parsed.turn_id, playbackMs: parsed.playback_ms as number };
    }
  } catch {
    // refused below
  }
  throw new HearthError('bad_request', 'playback must be JSON: {"turn_id": "<uuid>", "playback_ms": <whole ms>}.', {
    param: 'playback',
  });
}

function field(form: FormData, name: string): string | null {
  const value = form.get(name);
  if (value === null) return null;
  if (typeof value !== 'string') throw new HearthError('bad_request', `${name} must be a text field.`, { param: name });
  return value;
}
