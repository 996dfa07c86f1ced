export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // Proxies such as nginx would otherwise hold the events back.
  'x-accel-buffering': 'no',
};

export type KeepAlive = { message: string; intervalMs: number };

/** Writes already encoded events into the body; `close` ends it, `fail` breaks it. None does anything once the client left. */
export type EventWriter = { send: (text: string) => void; close: () => void; fail: (reason: unknown) => void };

/**
 * A body that its producer writes already encoded events into as they happen (one pass: no stream
 * between the producer and the socket): Server-Sent Events with a keep-alive message whenever
 * nothing else was sent for intervalMs, so proxies and clients do not drop a quiet connection (a
 * model thinking before its first token), or, without `keepAlive`, newline-delimited JSON.
 * `produce` runs at once; `onCancel` runs when the client leaves.
 */
export function eventBody(
  produce: (writer: EventWriter) => void,
  keepAlive: KeepAlive | undefined,
  onCancel?: () => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  // One timer for the whole stream, not one per event: it looks at when the last event went out.
  let lastSent = performance.now();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (closed) return;
        controller.enqueue(encoder.encode(text));
        lastSent = performance.now();
      };
      const end = (finish: () => void) => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        finish();
      };
      const close = () => end(() => controller.close());
      const fail = (reason: unknown) => end(() => controller.error(reason));
      const watch = (every: KeepAlive, ms: number) => {
        timer = setTimeout(() => {
          const quietFor = performance.now() - lastSent;
          if (quietFor < every.intervalMs) return watch(every, every.intervalMs - quietFor);
          send(every.message);
          watch(every, every.intervalMs);
        }, ms);
      };
      if (keepAlive) watch(keepAlive, keepAlive.intervalMs);
      produce({ send, close, fail });
    },
    cancel() {
      closed = true;
      clearTimeout(timer);
      onCancel?.();
    },
  });
}

/** An SSE body from events that arrive as an async iterator (a call's events); a client that leaves stops their reader. */
export function sseStream(events: AsyncIterator<string>, keepAlive: KeepAlive): ReadableStream<Uint8Array> {
  let stopped = false;
  return eventBody(
    ({ send, close, fail }) =>
      void (async () => {
        try {
          for (let next = await events.next(); !next.done && !stopped; next = await events.next()) send(next.value);
          close();
        } catch (failure) {
          fail(failure);
        }
      })(),
    keepAlive,
    () => {
      stopped = true;
      void events.return?.(undefined);
    },
  );
}
