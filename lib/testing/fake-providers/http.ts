import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest, ResolvedScenario, Scenario, ScenarioSource } from './scenario.ts';

/** The plumbing both fake providers share: a loopback server, request recording, SSE writing. */

/** What each start...Server function returns. */
export type FakeProviderServer = {
  /** The base URL to put in the env (e.g. OPENAI_BASE_URL), http://127.0.0.1:PORT/v1. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** Every request received, in order, key rejections included. */
  requests: RecordedRequest[];
  /** Scenarios for the next generation requests, one each, before the default scenario. */
  queue: (...scenarios: Scenario[]) => void;
  /** Replaces the default scenario. */
  setScenario: (scenario: ScenarioSource | undefined) => void;
  /** Stops listening and destroys open connections (stalled streams included). */
  close: () => Promise<void>;
};

export type Handler = (request: RecordedRequest, res: ServerResponse) => Promise<void>;

export type LoopbackServer = { origin: string; port: number; requests: RecordedRequest[]; close: () => Promise<void> };

/**
 * A node:http server on 127.0.0.1 that records every request (after reading its JSON body) and
 * hands it to the handler. `describe` adds the model and user text to the record.
 */
export async function startLoopbackServer(
  port: number,
  handler: Handler,
  describe: (request: RecordedRequest) => Pick<RecordedRequest, 'model' | 'lastUserText'>,
  onBadJson: (res: ServerResponse) => void,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const bytes = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Multipart bodies (audio transcriptions) are kept as bytes; everything else is JSON.
      const multipart = /^multipart\//i.test(req.headers['content-type'] ?? '');
      const raw = multipart ? '' : bytes.toString('utf8');
      let body: unknown;
      let badJson = false;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        badJson = true;
      }
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: flattenHeaders(req),
        body,
        ...(multipart ? { raw: bytes } : {}),
      };
      Object.assign(request, describe(request));
      requests.push(request);
      if (badJson) return onBadJson(res);
      await handler(request, res);
    })().catch((error: unknown) => {
      // A bug in the fake itself: answer 500 so the test sees it rather than hanging.
      console.error('[fake-provider]', error);
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'fake_server_bug' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // stalled streams and idle keep-alive sockets
      })),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Shows a key the way providers do in their 401 messages: never the whole of it. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : '*'.repeat(key.length);
}

export type EventStream = {
  /** True once the client went away (or the socket was dropped). */
  readonly closed: boolean;
  /** Writes one `data:` event and waits until it is handed to the socket. */
  send: (data: string) => Promise<void>;
  /** Writes an SSE comment line (OpenRouter sends ": OPENROUTER PROCESSING" while it waits). */
  comment: (text: string) => Promise<void>;
  /** Waits, cut short when the client goes away. */
  pause: (ms: number) => Promise<void>;
  /** Resolves when the client goes away or the server closes the connection. */
  untilClosed: () => Promise<void>;
  /** Destroys the socket: the connection ends without a proper end of stream. */
  drop: () => void;
  end: () => void;
};

/** Opens a server-sent events response; `separator` ends each event ("\n\n", Gemini uses "\r\n\r\n"). */
export function openEventStream(res: ServerResponse, separator = '\n\n'): EventStream {
  let closed = false;
  const closedPromise = new Promise<void>((resolve) =>
    res.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  const write = (text: string) =>
    closed ? Promise.resolve() : new Promise<void>((resolve) => void res.write(text, () => resolve()));
  return {
    get closed() {
      return closed;
    },
    send: (data) => write(`data: ${data}${separator}`),
    comment: (text) => write(`: ${text}${separator}`),
    pause: (ms) =>
      ms > 0 && !closed
        ? new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            void closedPromise.then(() => {
              clearTimeout(timer);
              resolve();
            });
          })
        : Promise.resolve(),
    untilClosed: () => closedPromise,
    drop: () => void res.socket?.destroy(),
    end: () => void res.end(),
  };
}

/**
 * Plays a scenario on an open event stream: the first-token delay, then each chunk's events
 * (`chunkEvents`), then the closing events (`finishEvents`), with a stall, a dropped connection
 * or a truncated response where the scenario asks for one.
 */
export async function playScenario(
  stream: EventStream,
  scenario: ResolvedScenario,
  chunkEvents: (text: string, index: number) => string[],
  finishEvents: () => string[],
): Promise<void> {
  if (scenario.stall) return stream.untilClosed();
  await stream.pause(scenario.firstTokenDelayMs);
  for (const [index, text] of scenario.chunks.entries()) {
    if (index === scenario.dropAfterChunks) return stream.drop();
    if (index === scenario.truncateAfterChunks) return stream.end();
    if (index === scenario.stallAfterChunks) return stream.untilClosed();
    if (index > 0) await stream.pause(scenario.chunkDelayMs);
    if (stream.closed) return;
    for (const event of chunkEvents(text, index)) await stream.send(event);
  }
  // Asked to drop after at least every chunk: the text arrived, the end of the stream never does.
  if (scenario.dropAfterChunks !== undefined) return stream.drop();
  if (scenario.truncateAfterChunks !== undefined) return stream.end();
  for (const event of finishEvents()) await stream.send(event);
  stream.end();
}
