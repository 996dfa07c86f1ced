export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // Proxies such as nginx would otherwise hold the events back.
  'x-accel-buffering': 'no',
};

export type KeepAlive = { message: string; intervalMs: number };

/**
 * A Server-Sent Events body from already encoded events, with a keep-alive message whenever
 * nothing else was sent for intervalMs, so proxies and clients do not drop a quiet connection
 * (a model thinking before its first token). A client that leaves stops the events' reader.
 */
export function sseStream(events: AsyncIterator<string>, keepAlive: KeepAlive): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => send(keepAlive.message), keepAlive.intervalMs);
      };
      const send = (text: string) => {
        if (closed) return;
        controller.enqueue(encoder.encode(text));
        arm();
      };
      const pump = async () => {
        try {
          for (let next = await events.next(); !next.done && !closed; next = await events.next()) send(next.value);
          if (!closed) controller.close();
        } catch (error) {
          if (!closed) controller.error(error);
        } finally {
          closed = true;
          clearTimeout(timer);
        }
      };
      arm();
      void pump();
    },
    cancel() {
      closed = true;
      clearTimeout(timer);
      void events.return?.(undefined);
    },
  });
}
