import busboy from 'busboy';
import { HearthError } from '@/lib/errors';
import { cleanFilename, emptyFile, tooLarge, unsupportedType, type ReceivedFile } from './checks';
import { kindOf, MAX_AUDIO_BYTES, maxBytesFor, megabytes, type MediaType } from './limits';
import { SNIFF_BYTES, sniffMediaType } from './sniff';

export type { ReceivedFile } from './checks';
// Room for the multipart framing around the file.
const FRAMING_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data body with one file in the field `file`, as it streams in: the type
 * is decided from the first bytes, and the size cap for that type is enforced chunk by chunk, so
 * a refusal stops reading the body at once instead of after buffering all of it.
 */
export async function receiveUpload(request: Request): Promise<ReceivedFile> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(contentType)) {
    throw new HearthError(
      'bad_request',
      'Send the file as multipart/form-data, in a field named "file" (or JSON {kind, media_type, size} for an upload target).',
      { param: 'file' },
    );
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_AUDIO_BYTES + FRAMING_BYTES) {
    throw new HearthError(
      'payload_too_large',
      `Files can be at most ${megabytes(MAX_AUDIO_BYTES)} (images ${megabytes(maxBytesFor('image'))}).`,
      { param: 'file' },
    );
  }
  if (!request.body) throw new HearthError('bad_request', 'The request has no body.', { param: 'file' });

  let failure: HearthError | null = null;
  let result: ReceivedFile | null = null;
  let sawFile = false;
  const done = new Promise<void>((resolve) => {
    const parser = busboy({
      headers: { 'content-type': contentType },
      limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, fileSize: MAX_AUDIO_BYTES + 1 },
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || sawFile) {
        stream.resume();
        return;
      }
      sawFile = true;
      const chunks: Buffer[] = [];
      let size = 0;
      let mediaType: MediaType | null = null;
      stream.on('data', (chunk: Buffer) => {
        if (failure) return;
        chunks.push(chunk);
        size += chunk.length;
        if (!mediaType && size >= SNIFF_BYTES) mediaType = decide(Buffer.concat(chunks));
        if (mediaType && size > maxBytesFor(kindOf(mediaType))) failure ??= tooLarge(kindOf(mediaType));
      });
      stream.on('end', () => {
        if (failure) return;
        if (size === 0) return void (failure = emptyFile());
        const bytes = Buffer.concat(chunks);
        mediaType ??= decide(bytes);
        if (!mediaType || failure) return;
        result = {
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          mediaType,
          kind: kindOf(mediaType),
          filename: cleanFilename(info.filename),
        };
      });
    });
    parser.on('error', (error: Error) => {
      failure ??= new HearthError('bad_request', `The multipart body could not be read: ${error.message}`, {
        param: 'file',
      });
      resolve();
    });
    parser.on('close', () => resolve());
    void pump(request.body!, parser, () => failure, resolve);
  });

  function decide(head: Buffer): MediaType | null {
    const type = sniffMediaType(head);
    if (!type) failure ??= unsupportedType();
    return type;
  }

  await done;
  if (failure) throw failure;
  if (!result)
    throw new HearthError('bad_request', 'No file was sent: put it in a multipart field named "file".', {
      param: 'file',
    });
  return result;
}

/** Feeds the body to the parser chunk by chunk, and stops reading it as soon as the upload is refused. */
async function pump(
  body: ReadableStream<Uint8Array>,
  parser: busboy.Busboy,
  failed: () => HearthError | null,
  finish: () => void,
) {
  const reader = body.getReader();
  try {
    for (;;) {
      if (failed()) {
        await reader.cancel().catch(() => {});
        return finish();
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!parser.write(value)) await new Promise<void>((resolve) => parser.once('drain', resolve));
    }
    parser.end();
  } catch (error) {
    parser.destroy(error as Error);
    finish();
  }
}
