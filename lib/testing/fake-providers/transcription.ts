import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';
import type { RecordedRequest } from './scenario.ts';

/**
 * POST {base}/audio/transcriptions as OpenAI and Groq speak it (Groq: /openai/v1/audio/...):
 * multipart/form-data with `file` and `model` (and optionally `language`, `prompt`,
 * `response_format` json | text | verbose_json, `temperature`). It cannot hear, so it answers a
 * fixed transcript, in English, that names the audio's size and type so a test can tell it got
 * the bytes. verbose_json adds language (a name: Groq "English", OpenAI "english"), duration
 * and one segment. The received file is kept on the recorded request (`transcription`).
 */
export const FAKE_TRANSCRIPT = 'Hello from my voice note. Could you tell me a short story about the sea?';

/**
 * With a `language` hint (a call sends its language), the transcript is in that language, so a
 * test can tell each language's fixture was heard as such. The language is echoed back.
 */
export const FAKE_TRANSCRIPTS: Record<string, { text: string; name: string }> = {
  en: { text: 'Hello, my name is Robin and I live in Utrecht.', name: 'english' },
  es: { text: 'Hola, me llamo Robin y vivo en Sevilla.', name: 'spanish' },
  fr: { text: "Bonjour, je m'appelle Robin et j'habite à Lyon.", name: 'french' },
  de: { text: 'Hallo, ich heiße Robin und wohne in Berlin.', name: 'german' },
  nl: { text: 'Hallo, ik heet Robin en ik woon in Utrecht.', name: 'dutch' },
  it: { text: 'Ciao, mi chiamo Robin e vivo a Roma.', name: 'italian' },
};

export type ReceivedTranscription = {
  model: string;
  filename: string;
  mediaType: string;
  bytes: Buffer;
  responseFormat: string;
};

export async function answerTranscription(
  request: RecordedRequest & { transcription?: ReceivedTranscription },
  res: ServerResponse,
  flavor: string,
): Promise<void> {
  const error = (status: number, message: string) =>
    sendJson(res, status, { error: { message, type: 'invalid_request_error', param: 'file', code: null } });
  if (!request.raw) return error(400, 'Request must be multipart/form-data with a file.');
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(request.raw), {
      headers: { 'content-type': request.headers['content-type'] ?? '' },
    }).formData();
  } catch {
    return error(400, 'Could not parse multipart form');
  }
  const file = form.get('file');
  const model = form.get('model');
  if (!(file instanceof Blob) || file.size === 0) return error(400, 'file must be provided');
  if (typeof model !== 'string' || !model) return error(400, 'model must be provided');
  const responseFormat = String(form.get('response_format') ?? 'json');
  request.transcription = {
    model,
    filename: file instanceof File ? file.name : 'blob',
    mediaType: file.type,
    bytes: Buffer.from(await file.arrayBuffer()),
    responseFormat,
  };
  request.model = model;
  const hinted = FAKE_TRANSCRIPTS[String(form.get('language') ?? '')];
  const text = hinted?.text ?? FAKE_TRANSCRIPT;
  if (responseFormat === 'text') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end(text);
  }
  if (responseFormat !== 'verbose_json')
    return sendJson(res, 200, { text, ...(flavor === 'groq' ? { x_groq: { id: 'req_fake' } } : {}) });
  const duration = 3.2;
  sendJson(res, 200, {
    task: 'transcribe',
    // Groq capitalises the name; OpenAI's Whisper answers it in lower case.
    language: flavor === 'groq' ? capitalized(hinted?.name ?? 'english') : (hinted?.name ?? 'english'),
    duration,
    text,
    segments: [
      {
        id: 0,
        seek: 0,
        start: 0,
        end: duration,
        text,
        tokens: [],
        temperature: 0,
        avg_logprob: -0.2,
        compression_ratio: 1.2,
        no_speech_prob: 0.01,
      },
    ],
    ...(flavor === 'groq' ? { x_groq: { id: 'req_fake' } } : {}),
  });
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
