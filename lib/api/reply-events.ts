import type { FinishReason } from 'ai';
import { publicModelError } from '@/lib/ai/errors';
import type { Part } from '@/lib/chat/generation';
import type { FinishedReply } from '@/lib/conversations/messages';
import { toHearthError, type ErrorType } from '@/lib/errors';

/** A reply being generated: a ChatTurn, or a stateless generation. */
export type StreamingReply = {
  parts: ReadableStream<Part>;
  saved: Promise<FinishedReply>;
  readonly model: { id: string };
};

/** What every API encoding says about a reply, whatever its wire format. */
export type ReplyEvent =
  /** The first thing the model sent: from here the answering model is known (fallbacks are over). */
  | { type: 'start'; model: string }
  | { type: 'text'; text: string }
  | { type: 'end'; finishReason: FinishReason; usage: { inputTokens: number; outputTokens: number } }
  /** The reply failed or was stopped; nothing follows. */
  | { type: 'error'; error: { type: ErrorType; message: string } };

/**
 * The reply's stream as API events. The usage in `end` is the saved reply's, so it is counted with
 * a tokenizer when the provider reported none. Leaving early stops only this reader, never the
 * generation.
 */
export async function* replyEvents(reply: StreamingReply): AsyncGenerator<ReplyEvent> {
  let started = false;
  let finishReason: FinishReason = 'other';
  let failure: ReplyEvent | undefined;
  for await (const part of reply.parts) {
    if (!started) {
      started = true;
      yield { type: 'start', model: reply.model.id };
    }
    if (part.type === 'text-delta') yield { type: 'text', text: part.text };
    else if (part.type === 'finish') finishReason = part.finishReason;
    else if (part.type === 'error') failure = modelFailure(part.error, reply.model.id);
    else if (part.type === 'abort')
      failure = { type: 'error', error: { type: 'api_error', message: 'The reply was stopped before it finished.' } };
    if (failure) break;
  }
  if (!started) yield { type: 'start', model: reply.model.id };
  if (failure) yield failure;

  // The events end only once the reply is saved, so a client that reloads then sees all of it.
  const saved = await reply.saved.catch((error: unknown) => toHearthError(error));
  if (failure) return;
  if (saved instanceof Error) return yield { type: 'error', error: { type: saved.type, message: saved.message } };
  // A stream that ended early without an error part: saved as an error, so reported as one.
  if (saved.status === 'error') return yield modelFailure(new Error(saved.error), reply.model.id);
  yield {
    type: 'end',
    finishReason,
    usage: { inputTokens: saved.inputTokens ?? 0, outputTokens: saved.outputTokens ?? 0 },
  };
}

function modelFailure(error: unknown, modelId: string): ReplyEvent {
  return { type: 'error', error: { type: 'provider_error', message: publicModelError(error, modelId) } };
}
