import { z } from 'zod';
import { isoTimestamp, isoTimestampOrNull, timestamp } from '@/lib/api/openapi/shapes';
import { callCostUsd, type CallWithTurns } from '@/lib/calls/calls';
import type { Call, CallTurn } from '@/lib/calls/queries';

const nullableMs = z.number().nullable();

const turnTimingSchema = z.object({
  turn_id: z.uuid(),
  input: z.enum(['voice', 'text']),
  user_message_id: z.uuid().nullable(),
  assistant_message_id: z.uuid().nullable(),
  speech_ms: nullableMs.meta({ description: 'How long the person spoke.' }),
  transcript_ms: nullableMs.meta({ description: 'From the request to the transcript.' }),
  first_token_ms: nullableMs.meta({ description: "From the request to the reply's first text." }),
  first_audio_ms: nullableMs.meta({ description: "From the request to the first sentence's synthesized audio." }),
  playback_ms: nullableMs.meta({
    description: "Reported by the client: from the end of the person's speech to the reply starting to play.",
  }),
  total_ms: nullableMs,
  interrupted: z.boolean(),
  created_at: timestamp,
});

export const callJsonSchema = z
  .object({
    id: z.uuid(),
    companion_id: z.uuid(),
    conversation_id: z
      .uuid()
      .meta({ description: "Where the call's transcript is kept, as messages with `source: voice`." }),
    language: z.enum(['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT']),
    status: z.enum(['waiting', 'active', 'ended']).meta({ description: '`waiting` until the first turn.' }),
    created_at: timestamp,
    started_at: timestamp.nullable(),
    ended_at: timestamp.nullable(),
    expires_at: timestamp.meta({ description: 'An hour after creation; from then on turns are refused (410).' }),
    end_reason: z.enum(['hangup', 'expired']).nullable(),
    duration_ms: z
      .number()
      .nullable()
      .meta({ description: 'From creation to hanging up (or expiry); null while the call is on.' }),
    turn_count: z.number().int(),
    interrupted_count: z.number().int(),
    cost: z.object({
      model_usd: z.number(),
      transcription_usd: z.number(),
      speech_usd: z.number(),
      total_usd: z.number(),
    }),
    timings: z
      .array(turnTimingSchema)
      .optional()
      .meta({ description: "Every turn's latency, oldest first (GET and end only)." }),
  })
  .meta({ id: 'Call' });

function timingJson(t: CallTurn): z.output<typeof turnTimingSchema> {
  return {
    turn_id: t.id,
    input: t.input,
    user_message_id: t.userMessageId,
    assistant_message_id: t.assistantMessageId,
    speech_ms: t.speechMs,
    transcript_ms: t.transcriptMs,
    first_token_ms: t.firstTokenMs,
    first_audio_ms: t.firstAudioMs,
    playback_ms: t.playbackMs,
    total_ms: t.totalMs,
    interrupted: t.interrupted,
    created_at: isoTimestamp(t.createdAt),
  };
}

/** A call as the REST API shows it, with its turns' timings when it has them. */
export function callJson(call: Call | CallWithTurns): z.output<typeof callJsonSchema> {
  return {
    id: call.id,
    companion_id: call.companionId,
    conversation_id: call.conversationId,
    language: call.language,
    status: call.status,
    created_at: isoTimestamp(call.createdAt),
    started_at: isoTimestampOrNull(call.startedAt),
    ended_at: isoTimestampOrNull(call.endedAt),
    expires_at: isoTimestamp(call.expiresAt),
    end_reason: call.endReason,
    duration_ms: call.durationMs,
    turn_count: call.turnCount,
    interrupted_count: call.interruptedCount,
    cost: {
      model_usd: call.modelCostUsd,
      transcription_usd: call.transcriptionCostUsd,
      speech_usd: call.speechCostUsd,
      total_usd: callCostUsd(call),
    },
    ...('turns' in call ? { timings: call.turns.map(timingJson) } : {}),
  };
}

export const iceConfigurationSchema = z
  .object({
    ice_servers: z
      .array(
        z.object({
          urls: z.union([z.string(), z.array(z.string())]),
          username: z.string().optional(),
          credential: z.string().optional(),
        }),
      )
      .meta({
        description: "RTCPeerConnection's `iceServers`: STUN servers, and TURN servers with credentials for this call.",
      }),
    expires_at: timestamp.meta({ description: 'When the TURN credentials stop working: ask again for a later call.' }),
  })
  .meta({ id: 'IceConfiguration' });
