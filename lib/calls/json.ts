import { callCostUsd, type CallWithTurns } from '@/lib/calls/calls';
import type { Call } from '@/lib/calls/queries';

/** A call as the REST API shows it, with its turns' timings when it has them. */
export function callJson(call: Call | CallWithTurns) {
  return {
    id: call.id,
    companion_id: call.companionId,
    conversation_id: call.conversationId,
    language: call.language,
    status: call.status,
    created_at: call.createdAt,
    started_at: call.startedAt,
    ended_at: call.endedAt,
    expires_at: call.expiresAt,
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
    ...('turns' in call
      ? {
          timings: call.turns.map((t) => ({
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
            created_at: t.createdAt,
          })),
        }
      : {}),
  };
}
