import type { FinishReason } from 'ai';
import { publicModelError } from '@/lib/ai/errors';
import type { PartSink } from '@/lib/chat/generation';
import type { FinishedReply } from '@/lib/conversations/messages';
import { toHearthError, type ErrorType } from '@/lib/errors';
import { eventBody, type KeepAlive } from './sse';

/** A reply being generated: a ChatTurn, or a stateless generation. */
export type StreamingReply = {
  /** Hands the parts to `sink`; the function it returns detaches the sink. */
  pipe(sink: PartSink): () => void;
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
 * Hands the reply's API events to `emit` in one pass, as the model writes them; settles after the
 * last. The usage in `end` is the saved reply's, so it is counted with a tokenizer when the
 * provider reported none, and the events end only once the reply is saved, so a client that
 * reloads then sees all of it. A client that leaves stops only its encoder, never the generation.
 */
export function pipeReplyEvents(reply: StreamingReply, emit: (event: ReplyEvent) => void): Promise<void> {
  return followReply(reply, emit).ended;
}

/**
 * The reply's events as a response body, each encoded once as the model writes it (SSE with a
 * keep-alive, or newline-delimited JSON without). A client that leaves detaches the encoder from
 * the reply, so nothing more is encoded for it.
 */
export function replyEventsBody(
  reply: StreamingReply,
  encode: (event: ReplyEvent) => string,
  keepAlive?: KeepAlive,
): ReadableStream<Uint8Array> {
  let detach = () => {};
  return eventBody(
    ({ send, close }) => {
      const followed = followReply(reply, (event) => send(encode(event)));
      detach = followed.detach;
      void followed.ended.then(close);
    },
    keepAlive,
    () => detach(),
  );
}

function followReply(
  reply: StreamingReply,
  emit: (event: ReplyEvent) => void,
): { ended: Promise<void>; detach: () => void } {
  let started = false;
  let finishReason: FinishReason = 'other';
  let failure: ReplyEvent | undefined;
  const start = () => {
    if (started) return;
    started = true;
    emit({ type: 'start', model: reply.model.id });
  };
  let detach = () => {};
  const ended = new Promise<void>((done) => {
    detach = reply.pipe({
      write(part) {
        if (failure) return;
        start();
        if (part.type === 'text-delta') emit({ type: 'text', text: part.text });
        else if (part.type === 'finish') finishReason = part.finishReason;
        else if (part.type === 'error') failure = modelFailure(part.error, reply.model.id);
        else if (part.type === 'abort')
          failure = {
            type: 'error',
            error: { type: 'api_error', message: 'The reply was stopped before it finished.' },
          };
        if (failure) emit(failure);
      },
      end() {
        start();
        void reply.saved
          .then(
            (saved) => {
              if (failure) return;
              // A stream that ended early without an error part: saved as an error, so reported as one.
              if (saved.status === 'error') return emit(modelFailure(new Error(saved.error), reply.model.id));
              emit({
                type: 'end',
                finishReason,
                usage: { inputTokens: saved.inputTokens ?? 0, outputTokens: saved.outputTokens ?? 0 },
              });
            },
            (error: unknown) => {
              if (failure) return;
              const saving = toHearthError(error);
              emit({ type: 'error', error: { type: saving.type, message: saving.message } });
            },
          )
          // A reader that failed on the last event (its client gone) has nothing left to read.
          .catch(() => {})
          .finally(done);
      },
    });
  });
  return { ended, detach };
}

function modelFailure(error: unknown, modelId: string): ReplyEvent {
  return { type: 'error', error: { type: 'provider_error', message: publicModelError(error, modelId) } };
}
