import type { LanguageModel } from 'ai';
import { redactedMessage } from '@/lib/ai/errors';
import type { Env } from '@/lib/ai/providers';
import { speechProvider, synthesizeSpeech, voiceFor, type SynthesizedSpeech } from '@/lib/voice/speech';
import { TRANSCRIPTION_NEEDS_KEY, transcribeAudio, transcriptionProvider } from '@/lib/voice/transcription';
import { stopGeneration } from '@/lib/chat/active';
import { startChatTurn, type ChatTurn } from '@/lib/chat/pipeline';
import { beginTurn, recordTurn, setPlayback } from '@/lib/calls/queries';
import type { Database } from '@/lib/db/client';
import { deleteUploadRows, insertUpload, type NewUpload } from '@/lib/uploads/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError, isHearthError } from '@/lib/errors';
import type { Language } from '@/lib/languages';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { imageDimensions } from '@/lib/uploads/dimensions';
import { EXTENSIONS } from '@/lib/uploads/limits';
import { sentenceSplitter } from '@/lib/voice/sentences';
import { callForTurn } from './calls';
import { transcriptionCostUsd } from './costs';
import { eventChannel, type CallTurnEvent } from './events';
import type { TurnInput } from './utterance';

export type CallTurnOptions = {
  db?: Database;
  env?: Env;
  store?: BlobStore;
  /** Tests pass a model here; it answers as the first candidate. */
  model?: LanguageModel;
  /** Aborted when the client leaves or barges in: the reply stops and is saved as interrupted. */
  signal?: AbortSignal;
  /** How `audio` events carry speech: a playable file (the default) or raw PCM for a call's track. */
  speech?: 'file' | 'pcm';
};

export type StartedCallTurn = {
  events: AsyncIterableIterator<CallTurnEvent>;
  /** Settles once the reply is saved and the turn recorded, whether or not anyone still listens. */
  finished: Promise<void>;
};

/**
 * One turn of the cascade: transcribe what was said (or take what was typed), run the one chat
 * pipeline, and as each sentence of the reply completes, synthesize it while the text streams on,
 * handing audio out in sentence order. Everything refused before the pipeline starts (a call that
 * cannot take a turn, silence, no transcription provider, a failed transcription) throws and
 * leaves nothing written; from then on problems arrive as an `error` event.
 */
export async function startCallTurn(
  user: UserScope,
  callId: string,
  input: TurnInput,
  options: CallTurnOptions = {},
): Promise<StartedCallTurn> {
  const startedAt = performance.now();
  const since = () => Math.round(performance.now() - startedAt);
  const env = options.env ?? process.env;
  const store = options.store ?? getBlobStore();
  const { signal, db } = options;

  const { call, companion } = await withUser(
    user,
    async (tx) => {
      const call = await callForTurn(tx, callId);
      const [companion] = await tx.query<{ voice: string | null; voices: Partial<Record<Language, string>> | null }>(
        'select voice, voices from hearth.companions where id = $1',
        [call.companionId],
      );
      return { call, companion: companion ?? { voice: null, voices: null } };
    },
    db,
  );
  const language = input.language ?? call.language;

  // What the person said, and the files the turn keeps: objects first, rows with the turn's start.
  const files: { upload: NewUpload; bytes: Uint8Array }[] = [];
  let said: string;
  let heard: { language: string | null } | null = null;
  let transcriptMs: number | null = null;
  let transcriptionCost: number | null = null;
  const discard = () =>
    store
      .delete(files.map((f) => f.upload.path))
      .catch((error: unknown) => console.error("[calls] could not delete a turn's files:", error));
  try {
    if (input.frame) files.push(frameFile(user, input.frame));
    if (input.kind === 'voice') {
      const provider = transcriptionProvider(env);
      if (!provider)
        throw new HearthError(
          'provider_not_configured',
          `${TRANSCRIPTION_NEEDS_KEY} Until then, type in the call's text box.`,
          { param: 'audio' },
        );
      const audio = audioFile(user, input.audio);
      files.push(audio);
      const [transcript] = await Promise.all([
        transcribeAudio(input.audio.bytes, input.audio.mediaType, env, signal, language.slice(0, 2)).catch(
          (error: unknown) => {
            if (signal?.aborted) throw new HearthError('bad_request', 'The turn was cancelled.');
            // The caller hears product language; what the provider said is for the log.
            console.warn(`[calls] transcription failed: ${redactedMessage(error)}`);
            throw new HearthError(
              'provider_failed',
              "What you said couldn't be turned into text. Say it again, or type it.",
            );
          },
        ),
        ...files.map((f) => store.put(f.upload.path, f.bytes, f.upload.mediaType)),
      ]);
      said = transcript?.text ?? '';
      if (!said) throw new HearthError('bad_request', 'No speech was heard in this audio.', { param: 'audio' });
      transcriptMs = since();
      heard = { language: transcript!.language };
      audio.upload.transcript = said.slice(0, 20_000);
      audio.upload.transcriptLanguage = transcript!.language;
      transcriptionCost = transcriptionCostUsd(provider, input.audio.seconds, env);
    } else {
      said = input.text;
      await Promise.all(files.map((f) => store.put(f.upload.path, f.bytes, f.upload.mediaType)));
    }
    if (signal?.aborted) throw new HearthError('bad_request', 'The turn was cancelled.');
    await withUser(
      user,
      async (tx) => {
        for (const file of files) await insertUpload(tx, file.upload);
        await beginTurn(tx, call, language);
        if (input.playback) await setPlayback(tx, call.id, input.playback.turnId, input.playback.playbackMs);
      },
      db,
    );
  } catch (error) {
    await discard();
    throw error;
  }

  let turn: ChatTurn;
  try {
    turn = await startChatTurn(
      user,
      { action: 'send', conversationId: call.conversationId, text: said, attachments: files.map((f) => f.upload.id) },
      { db, env, store, model: options.model, source: 'voice' },
    );
  } catch (error) {
    await withUser(
      user,
      (tx) =>
        deleteUploadRows(
          tx,
          files.map((f) => f.upload.id),
        ),
      db,
    ).catch(() => {});
    await discard();
    throw error;
  }

  const channel = eventChannel();
  if (heard) channel.emit({ type: 'transcript', text: said, language: heard.language });
  const speaking = speakingQueue({
    env,
    language,
    voice: voiceFor(companion, language),
    format: options.speech ?? 'file',
    emit: channel.emit,
    since,
  });
  // Barge-in or a dropped client: the same Stop as the chat's, so the partial reply is saved as aborted.
  const interrupt = () => {
    stopGeneration(turn.conversationId);
    speaking.stop();
  };
  signal?.addEventListener('abort', interrupt, { once: true });

  const finished = (async () => {
    let firstTokenMs: number | null = null;
    const splitter = sentenceSplitter(language);
    try {
      const reader = turn.parts.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        if (part.value.type !== 'text-delta') continue;
        firstTokenMs ??= since();
        channel.emit({ type: 'text', delta: part.value.text });
        splitter.push(part.value.text).forEach(speaking.say);
      }
      const reply = await turn.saved;
      if (reply.status !== 'aborted') splitter.flush().forEach(speaking.say);
      await speaking.drained();
      const totalMs = since();
      const turnId = await withUser(
        user,
        (tx) =>
          recordTurn(tx, {
            callId: call.id,
            input: input.kind,
            userMessageId: turn.userMessageId,
            assistantMessageId: turn.assistantMessageId,
            speechMs: input.speechMs,
            transcriptMs,
            firstTokenMs,
            firstAudioMs: speaking.firstAudioMs,
            totalMs,
            interrupted: reply.status === 'aborted',
            speechCharacters: speaking.characters,
            modelCostUsd: reply.costUsd ?? 0,
            transcriptionCostUsd: transcriptionCost ?? 0,
            speechCostUsd: speaking.costUsd,
          }),
        db,
      );
      channel.emit({
        type: 'timing',
        turn_id: turnId,
        transcript_ms: transcriptMs,
        first_token_ms: firstTokenMs,
        first_audio_ms: speaking.firstAudioMs,
        total_ms: totalMs,
      });
      channel.emit({
        type: 'done',
        turn_id: turnId,
        user_message_id: turn.userMessageId,
        assistant_message_id: turn.assistantMessageId,
        status: reply.status,
        error: reply.error ?? null,
      });
    } catch (error) {
      console.error('[calls] turn failed:', error);
      channel.emit({
        type: 'error',
        error: isHearthError(error)
          ? { type: error.type, message: error.message }
          : { type: 'api_error', message: 'The reply could not be finished.' },
      });
    } finally {
      signal?.removeEventListener('abort', interrupt);
      channel.close();
    }
  })();

  return { events: channel.events, finished };
}

/**
 * Speaks the reply sentence by sentence: each sentence is synthesized as soon as it is complete,
 * all at once, and handed out in order. Without a TTS provider, or when one sentence fails, the
 * browser speaks that sentence's text instead.
 */
function speakingQueue(input: {
  env: Env;
  language: Language;
  voice: string | null;
  format: 'file' | 'pcm';
  emit: (event: CallTurnEvent) => void;
  since: () => number;
}) {
  const provider = speechProvider(input.env);
  const stop = new AbortController();
  let ordered = Promise.resolve();
  let index = 0;
  const state = { firstAudioMs: null as number | null, characters: 0, costUsd: 0 };
  const say = (text: string) => {
    const sentence = text.trim();
    if (!sentence || stop.signal.aborted) return;
    const at = index++;
    const spoken: Promise<SynthesizedSpeech | null> = provider
      ? synthesizeSpeech(
          { text: sentence, language: input.language, voice: input.voice, signal: stop.signal, format: input.format },
          input.env,
        ).catch((error: unknown) => {
          if (!stop.signal.aborted)
            console.warn(`[calls] speech failed, the browser speaks instead: ${redactedMessage(error)}`);
          return null;
        })
      : Promise.resolve(null);
    ordered = ordered.then(async () => {
      const speech = await spoken;
      if (stop.signal.aborted) return;
      if (!speech) return input.emit({ type: 'speak', index: at, text: sentence, language: input.language });
      state.firstAudioMs ??= input.since();
      state.characters += speech.characters;
      state.costUsd += speech.costUsd ?? 0;
      input.emit({
        type: 'audio',
        index: at,
        text: sentence,
        media_type: speech.mediaType,
        data: Buffer.from(speech.audio).toString('base64'),
      });
    });
  };
  return {
    say,
    stop: () => stop.abort(),
    drained: () => ordered,
    get firstAudioMs() {
      return state.firstAudioMs;
    },
    get characters() {
      return state.characters;
    },
    get costUsd() {
      return state.costUsd;
    },
  };
}

function audioFile(
  user: UserScope,
  audio: Extract<TurnInput, { kind: 'voice' }>['audio'],
): { upload: NewUpload; bytes: Uint8Array } {
  const id = crypto.randomUUID();
  return {
    bytes: audio.bytes,
    upload: {
      id,
      kind: 'audio',
      source: 'upload',
      mediaType: audio.mediaType,
      sizeBytes: audio.bytes.byteLength,
      path: `${user.id}/${id}.${EXTENSIONS[audio.mediaType]}`,
      width: null,
      height: null,
      filename: `call-turn.${EXTENSIONS[audio.mediaType]}`,
      transcript: null,
      transcriptLanguage: null,
      transcriptError: null,
    },
  };
}

function frameFile(user: UserScope, frame: NonNullable<TurnInput['frame']>): { upload: NewUpload; bytes: Uint8Array } {
  const id = crypto.randomUUID();
  const size = imageDimensions(frame.bytes, frame.mediaType)!;
  return {
    bytes: frame.bytes,
    upload: {
      id,
      kind: 'image',
      source: 'upload',
      mediaType: frame.mediaType,
      sizeBytes: frame.bytes.byteLength,
      path: `${user.id}/${id}.${EXTENSIONS[frame.mediaType]}`,
      width: size.width,
      height: size.height,
      filename: `camera.${EXTENSIONS[frame.mediaType]}`,
      transcript: null,
      transcriptLanguage: null,
      transcriptError: null,
    },
  };
}
