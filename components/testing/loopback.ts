import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackRequest = { method: string; path: string; contentType: string; body: string };

/**
 * A server on 127.0.0.1 standing in for the app's routes in a component test, so a screen talks to
 * it over real HTTP: each request is read whole and handed to `answer`.
 */
export async function startLoopback(answer: (request: LoopbackRequest, res: ServerResponse) => void | Promise<void>) {
  const server = createServer((req, res) => {
    void (async () => {
      const request = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        contentType: req.headers['content-type'] ?? '',
        body: await text(req),
      };
      await answer(request, res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JSON answer. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
