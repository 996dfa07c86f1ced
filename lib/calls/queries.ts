import type { Language } from '@/lib/languages';
import type { Queryable } from '@/lib/db/client';

export type CallStatus = 'waiting' | 'active' | 'ended';
export type CallEndReason = 'hangup' | 'expired';

export type Call = {
  id: string;
  companionId: string;
  conversationId: string;
  language: Language;
  status: CallStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  expiresAt: Date;
  endReason: CallEndReason | null;
  durationMs: number | null;
  turnCount: number;
  interruptedCount: number;
  speechSeconds: number;
  speechCharacters: number;
  modelCostUsd: number;
  transcriptionCostUsd: number;
  speechCostUsd: number;
};

export type CallTurn = {
  id: string;
  input: 'voice' | 'text';
  userMessageId: string | null;
  assistantMessageId: string | null;
  speechMs: number | null;
  transcriptMs: number | null;
  firstTokenMs: number | null;
  firstAudioMs: number | null;
  playbackMs: number | null;
  totalMs: number | null;
  interrupted: boolean;
  createdAt: Date;
};

const COLUMNS = `id, companion_id as "companionId", conversation_id as "conversationId", language, status,
  created_at as "createdAt", started_at as "startedAt", ended_at as "endedAt", expires_at as "expiresAt",
  end_reason as "endReason", duration_ms as "durationMs", turn_count as "turnCount", interrupted_count as "interruptedCount",
  speech_seconds::float8 as "speechSeconds", speech_characters as "speechCharacters", model_cost_usd::float8 as "modelCostUsd",
  transcription_cost_usd::float8 as "transcriptionCostUsd", speech_cost_usd::float8 as "speechCostUsd"`;

const TURN_COLUMNS = `id, input, user_message_id as "userMessageId", assistant_message_id as "assistantMessageId",
  speech_ms as "speechMs", transcript_ms as "transcriptMs", first_token_ms as "firstTokenMs", first_audio_ms as "firstAudioMs",
  playback_ms as "playbackMs", total_ms as "totalMs", interrupted, created_at as "createdAt"`;

export async function insertCall(
  tx: Queryable,
  input: { companionId: string; conversationId: string; language: Language; ttlSeconds: number },
): Promise<Call> {
  const [row] = await tx.query<Call>(
    `insert into hearth.calls (companion_id, conversation_id, language, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4)) returning ${COLUMNS}`,
    [input.companionId, input.conversationId, input.language, input.ttlSeconds],
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** One of the user's calls (RLS hides everyone else's); `forUpdate` locks it for the transaction. */
export async function getCall(tx: Queryable, id: string, { forUpdate = false } = {}): Promise<Call | null> {
  const [row] = await tx.query<Call>(
    `select ${COLUMNS} from hearth.calls where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return row ?? null;
}

export function listCallTurns(tx: Queryable, callId: string): Promise<CallTurn[]> {
  return tx.query<CallTurn>(
    `select ${TURN_COLUMNS} from hearth.call_turns where call_id = $1 order by created_at, id`,
    [callId],
  );
}

/** The first turn makes a waiting call active; a new language applies to the call and its conversation. */
export async function beginTurn(tx: Queryable, call: Call, language: Language): Promise<void> {
  await tx.query(
    `update hearth.calls set status = 'active', started_at = coalesce(started_at, now()), language = $2 where id = $1`,
    [call.id, language],
  );
  if (language !== call.language)
    await tx.query('update hearth.conversations set language = $2 where id = $1', [call.conversationId, language]);
}

/**
 * What a finished turn writes: its timings and its counts and costs. The database gives it its id and
 * time; when its reply started playing is reported later (setPlayback).
 */
export type TurnRecord = Omit<CallTurn, 'id' | 'playbackMs' | 'totalMs' | 'createdAt'> & {
  callId: string;
  totalMs: number;
  speechCharacters: number;
  modelCostUsd: number;
  transcriptionCostUsd: number;
  speechCostUsd: number;
};

/** A finished turn's timings, and its counts and costs added to the call's, in one statement. */
export async function recordTurn(tx: Queryable, turn: TurnRecord): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `with turn as (
       insert into hearth.call_turns (call_id, input, user_message_id, assistant_message_id, speech_ms, transcript_ms,
         first_token_ms, first_audio_ms, total_ms, interrupted, speech_characters)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id
     ), totals as (
       update hearth.calls set turn_count = turn_count + 1, interrupted_count = interrupted_count + $10::boolean::int,
              speech_seconds = speech_seconds + coalesce($5::int, 0) / 1000.0, speech_characters = speech_characters + $11,
              model_cost_usd = model_cost_usd + $12, transcription_cost_usd = transcription_cost_usd + $13,
              speech_cost_usd = speech_cost_usd + $14
        where id = $1
     )
     select id from turn`,
    [
      turn.callId,
      turn.input,
      turn.userMessageId,
      turn.assistantMessageId,
      turn.speechMs,
      turn.transcriptMs,
      turn.firstTokenMs,
      turn.firstAudioMs,
      turn.totalMs,
      turn.interrupted,
      turn.speechCharacters,
      turn.modelCostUsd,
      turn.transcriptionCostUsd,
      turn.speechCostUsd,
    ],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** When the client started playing a turn's reply, in ms from the turn's request. */
export async function setPlayback(tx: Queryable, callId: string, turnId: string, playbackMs: number): Promise<void> {
  await tx.query('update hearth.call_turns set playback_ms = $3 where id = $2 and call_id = $1', [
    callId,
    turnId,
    playbackMs,
  ]);
}

/** Ends a call once: the duration runs from its creation (the call screen connecting) to now, or to its expiry. */
export async function endCall(tx: Queryable, id: string, reason: CallEndReason): Promise<void> {
  await tx.query(
    `update hearth.calls
        set status = 'ended', end_reason = $2,
            ended_at = least(now(), expires_at),
            duration_ms = greatest(0, (extract(epoch from least(now(), expires_at) - created_at) * 1000)::int)
      where id = $1 and status <> 'ended'`,
    [id, reason],
  );
}
