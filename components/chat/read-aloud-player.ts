import type { Language } from '@/lib/languages';
import { readAloudPieces } from '@/lib/voice/read-aloud-text';

/**
 * Plays one reply at a time: the server's voice when it has one (POST /api/chat/speech, piece by
 * piece, the next fetched while one plays), else the browser's speechSynthesis. Loaded on the
 * first click of a read-aloud button.
 */
type Playback = { stop: () => void };

let current: Playback | null = null;
// Learned from the first answer: without a configured voice the server says so once, and the browser speaks from then on.
let serverHasVoice = true;

export function stopReading() {
  current?.stop();
  current = null;
}

export function readAloud(
  request: { messageId: string; text: string; language: Language },
  events: { onPlaying: () => void; onEnd: (error?: string) => void },
) {
  stopReading();
  let stopped = false;
  const abort = new AbortController();
  const audio = new Audio();
  const urls: string[] = [];
  const playback: Playback = {
    stop: () => {
      if (stopped) return;
      stopped = true;
      abort.abort();
      audio.pause();
      urls.forEach((url) => URL.revokeObjectURL(url));
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
      events.onEnd();
    },
  };
  current = playback;
  const finish = (error?: string) => {
    if (stopped) return;
    stopped = true;
    urls.forEach((url) => URL.revokeObjectURL(url));
    if (current === playback) current = null;
    events.onEnd(error);
  };

  const fetchPiece = async (piece: number) => {
    const response = await fetch('/api/chat/speech', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: request.messageId, piece }),
      signal: abort.signal,
    });
    if (!response.ok) return { status: response.status, url: null, pieces: 0 };
    const url = URL.createObjectURL(await response.blob());
    urls.push(url);
    return { status: response.status, url, pieces: Number(response.headers.get('x-speech-pieces')) || 1 };
  };

  const playUrl = (url: string) =>
    new Promise<void>((resolve, reject) => {
      audio.src = url;
      audio.onended = () => resolve();
      audio.onerror = () => reject(new Error('audio'));
      audio.play().then(events.onPlaying, reject);
    });

  const viaBrowser = () => {
    if (typeof speechSynthesis === 'undefined') return finish('This browser cannot read aloud.');
    const pieces = readAloudPieces(request.text);
    if (!pieces.length) return finish();
    pieces.forEach((text, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = request.language;
      if (index === 0) utterance.onstart = events.onPlaying;
      if (index === pieces.length - 1) utterance.onend = () => finish();
      utterance.onerror = (event) =>
        event.error !== 'interrupted' && event.error !== 'canceled' && finish('It could not be read aloud.');
      speechSynthesis.speak(utterance);
    });
  };

  const viaServer = async () => {
    let next = fetchPiece(0);
    for (let piece = 0; ; piece++) {
      const got = await next;
      if (stopped) return;
      if (!got.url) {
        // 503: the server has no voice. Anything else on the first piece: the browser tries.
        if (got.status === 503) serverHasVoice = false;
        if (piece === 0) return viaBrowser();
        return finish('The rest could not be read aloud.');
      }
      if (piece + 1 < got.pieces) next = fetchPiece(piece + 1);
      await playUrl(got.url);
      if (piece + 1 >= got.pieces) return finish();
    }
  };

  if (!serverHasVoice) viaBrowser();
  else
    viaServer().catch((error: unknown) => {
      if (!stopped && !(error instanceof DOMException && error.name === 'AbortError'))
        finish('It could not be read aloud.');
    });
}
