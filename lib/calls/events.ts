/**
 * The events a call turn streams back (Server-Sent Events, `event: <type>` and a JSON `data`
 * line). Text and audio interleave: the first sentence's audio arrives while later text is still
 * being written; audio events come in sentence order.
 */
export type CallTurnEvent =
  | { type: 'transcript'; text: string; language: string | null }
  | { type: 'text'; delta: string }
  /** One synthesized sentence: a complete playable file, base64. */
  | { type: 'audio'; index: number; text: string; media_type: string; data: string }
  /** No server voice for this sentence (none configured, or it failed): the browser speaks the text. */
  | { type: 'speak'; index: number; text: string; language: string }
  | {
      type: 'timing';
      turn_id: string;
      transcript_ms: number | null;
      first_token_ms: number | null;
      first_audio_ms: number | null;
      total_ms: number;
    }
  | {
      type: 'done';
      turn_id: string;
      user_message_id: string | null;
      assistant_message_id: string;
      status: 'complete' | 'error' | 'aborted';
      error: string | null;
    }
  | { type: 'error'; error: { type: string; message: string } };

export function encodeEvent(event: CallTurnEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A queue the turn writes events to and the response reads; once the reader leaves, writes are dropped. */
export function eventChannel() {
  const queue: CallTurnEvent[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  let detached = false;
  const iterator: AsyncIterableIterator<CallTurnEvent> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async next() {
      while (!queue.length && !closed) await new Promise<void>((resolve) => (wake = resolve));
      const value = queue.shift();
      return value ? { value, done: false } : { value: undefined, done: true };
    },
    async return() {
      detached = true;
      queue.length = 0;
      return { value: undefined, done: true };
    },
  };
  return {
    events: iterator,
    emit(event: CallTurnEvent) {
      if (closed || detached) return;
      queue.push(event);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    get detached() {
      return detached;
    },
  };
}
