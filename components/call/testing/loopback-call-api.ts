import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeEvent, type CallTurnEvent } from '@/lib/calls/events';

/** How the next turns are answered: a refusal, or a stream of events (held until `gate` settles, if given). */
export type TurnAnswer = { status: number; message: string } | { events: CallTurnEvent[]; gate?: Promise<void> };

export type ReceivedRequest = { method: string; path: string; contentType: string; body: string };

/**
 * The call routes on a loopback server, for the call screen to talk to over real HTTP: turns are
 * answered as set, and the end of a call reports how long it lasted.
 */
export async function startLoopbackCallApi(options: { durationMs: number }) {
  const received: ReceivedRequest[] = [];
  let answer: TurnAnswer = { events: [] };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await text(req);
      const path = req.url ?? '/';
      received.push({ method: req.method ?? 'GET', path, contentType: req.headers['content-type'] ?? '', body });
      if (path.endsWith('/end')) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ duration_ms: options.durationMs }));
        return;
      }
      if (!path.endsWith('/turns')) return void res.writeHead(404).end();
      const now = answer;
      if ('status' in now) {
        res
          .writeHead(now.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { type: 'conflict_error', message: now.message } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      await now.gate;
      for (const event of now.events) res.write(encodeEvent(event));
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answerTurnsWith(next: TurnAnswer) {
      answer = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
