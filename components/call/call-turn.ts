import type { CallTurnEvent } from '@/lib/calls/events';
import type { Language } from '@/lib/languages';
import type { CallEvent } from './call-state';
import type { TranscriptLine } from './call-transcript';
import type { PlaybackReport } from './playback-latency';

/** What the person said: an utterance the microphone heard, or typed text. */
export type Said = { audio: Blob; speechMs: number } | { text: string };

/** The transcript lines of one turn: what was said and the reply. */
export type TurnLines = { user: string; reply: string };

/** The request body of a turn: what was said, in which language, the last reply's playback and what the camera sees. */
export function turnForm(
  said: Said,
  language: Language,
  playback: PlaybackReport | null,
  image: Blob | null,
): FormData {
  const form = new FormData();
  if ('audio' in said) {
    form.append('audio', said.audio, 'utterance.wav');
    form.append('speech_ms', String(Math.round(said.speechMs)));
  } else {
    form.append('text', said.text);
  }
  form.append('language', language);
  if (playback) form.append('playback', JSON.stringify(playback));
  if (image) form.append('image', image, 'camera.jpg');
  return form;
}

/** The person's line as the turn goes up: typed text at once, speech once it is transcribed. */
export function saidLine(id: string, said: Said): TranscriptLine {
  return 'text' in said
    ? { id, role: 'user', text: said.text, pending: false, typed: true }
    : { id, role: 'user', text: '', pending: true, typed: false };
}

export type TurnOutput = {
  dispatch(event: CallEvent): void;
  /** The reply's voice: a synthesized sentence, or a sentence for the browser to speak. */
  voice(event: Extract<CallTurnEvent, { type: 'audio' | 'speak' }>): void;
  /** The server named the turn (its timings came). */
  named(turnId: string): void;
};

/** One event of a turn's streamed reply, applied to the call. */
export function applyTurnEvent(event: CallTurnEvent, lines: TurnLines, output: TurnOutput): void {
  switch (event.type) {
    case 'transcript':
      return output.dispatch({ type: 'heard', lineId: lines.user, text: event.text });
    case 'text':
      return output.dispatch({ type: 'replied', lineId: lines.reply, delta: event.delta });
    case 'audio':
    case 'speak':
      return output.voice(event);
    case 'timing':
      output.dispatch({
        type: 'turn-timed',
        timing: {
          turnId: event.turn_id,
          transcriptMs: event.transcript_ms,
          firstTokenMs: event.first_token_ms,
          firstAudioMs: event.first_audio_ms,
          totalMs: event.total_ms,
          playbackMs: null,
        },
      });
      return output.named(event.turn_id);
    case 'done':
      if (event.status === 'aborted') output.dispatch({ type: 'reply-interrupted', lineId: lines.reply });
      if (event.status === 'error') output.dispatch({ type: 'failed', error: event.error ?? 'The reply broke off.' });
      return;
    case 'error':
      return output.dispatch({ type: 'failed', error: event.error.message });
  }
}
