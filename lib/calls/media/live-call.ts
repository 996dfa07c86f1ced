import type { UserScope } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { holdReservation, type ReplyReservation } from '@/lib/rate-limit';
import { PCM_SAMPLE_RATE } from '@/lib/voice/speech';
import { wavOf } from '@/lib/voice/wav';
import type { CallTurnEvent } from '../events';
import { startCallTurn, type CallTurnOptions } from '../turn';
import type { TurnInput } from '../utterance';
import { SAMPLE_RATE } from './opus';
import type { CallMedia } from './transport';
import { voiceActivityDetector, type VoiceActivity } from './voice-activity';

const TURN_SAMPLE_RATE = 16_000;

/** What happens in a live call, for its listeners: the person starting to speak, then each turn's events. */
export type LiveCallEvent = { type: 'speaking' } | CallTurnEvent;

export type LiveCall = {
  /** Settles when the media ends and the last reply is saved. */
  readonly ended: Promise<void>;
};

/**
 * A call carried by a CallMedia. The server hears the person (voice activity at the server); each
 * turn they finish goes through the call's turn as an HTTP turn does (transcription, the one chat
 * pipeline with its persona, memories, history and quotas, speech sentence by sentence), and the
 * companion's voice goes out on the track as each sentence is ready. When the person starts to
 * speak over the companion, the audio stops at the next frame and the reply stops, saved as
 * interrupted (barge-in). One reply at a time.
 */
export async function startLiveCall(input: {
  user: UserScope;
  callId: string;
  media: CallMedia;
  /** Each turn's reply quota, as every entry point takes it (takeReplyQuota). */
  reserve: () => Promise<ReplyReservation>;
  options?: Omit<CallTurnOptions, 'signal' | 'speech'>;
  listen?: (event: LiveCallEvent) => void;
}): Promise<LiveCall> {
  const { user, callId, media, listen = () => {} } = input;
  const detector = await voiceActivityDetector();
  let reply: { stop: AbortController; done: Promise<void> } | null = null;
  let hearing = Promise.resolve();

  const act = (activities: VoiceActivity[]) => {
    for (const activity of activities) {
      if (activity.type === 'speech') {
        media.interrupt();
        reply?.stop.abort();
        listen({ type: 'speaking' });
      } else if (activity.type === 'turn') {
        reply = answer(activity.audio, activity.speechMs);
      }
    }
  };
  // Frames are heard in order, one after another: the detector keeps state between them.
  const stopHearing = media.onVoice((frame) => {
    hearing = hearing
      .then(() => detector.hear(frame))
      .then(act, (error: unknown) => console.error('[calls] voice detection failed:', error));
  });

  function answer(audio: Int16Array, speechMs: number) {
    const stop = new AbortController();
    const done = (async () => {
      const turn = await holdReservation(
        input.reserve(),
        // Transcription spends before the turn reads: the turn waits for its reservation.
        (admitted) =>
          admitted.then(() =>
            startCallTurn(user, callId, spoken(audio, speechMs), {
              ...input.options,
              signal: stop.signal,
              speech: 'pcm',
            }),
          ),
        (started) => started.finished,
      );
      for await (const event of turn.events) {
        if (event.type === 'audio' && !stop.signal.aborted) media.speak(upsampled(event.data));
        listen(event);
      }
      await turn.finished;
    })().catch((error: unknown) => {
      // Refused before the pipeline (over the quota, nothing heard, no transcription provider, an ended call):
      // the call goes on, and its listeners hear why.
      listen({
        type: 'error',
        error: isHearthError(error)
          ? { type: error.type, message: error.message }
          : { type: 'api_error', message: 'That turn could not be answered.' },
      });
      if (!isHearthError(error)) console.error('[calls] live turn failed:', error);
    });
    return { stop, done };
  }

  const ended = media.ended.then(async () => {
    stopHearing();
    reply?.stop.abort();
    await hearing;
    await reply?.done;
  });
  return { ended };
}

/** A turn the server heard, as the call's turn takes an utterance: a 16 kHz WAV. */
function spoken(audio: Int16Array, speechMs: number): TurnInput {
  return {
    kind: 'voice',
    audio: {
      bytes: wavOf(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength), TURN_SAMPLE_RATE),
      mediaType: 'audio/wav',
      seconds: audio.length / TURN_SAMPLE_RATE,
    },
    frame: null,
    language: null,
    speechMs,
    playback: null,
  };
}

/** The speech's 24 kHz samples (base64) at the track's 48 kHz, each new sample between two old ones. */
function upsampled(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  const source = new Int16Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length - (bytes.length % 2)),
  );
  const factor = SAMPLE_RATE / PCM_SAMPLE_RATE;
  const out = new Int16Array(source.length * factor);
  for (let i = 0; i < source.length; i++) {
    const next = source[Math.min(i + 1, source.length - 1)]!;
    for (let k = 0; k < factor; k++) out[i * factor + k] = Math.round(source[i]! + ((next - source[i]!) * k) / factor);
  }
  return out;
}
