import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Persona } from '@/lib/personas/queries';

export type ReceivedRequest = { method: string; path: string; body: string };
/** A refusal in the admin routes' error envelope. */
export type Refusal = { status: number; message: string; param?: string };

/**
 * The persona routes the studio saves through, on a loopback server: a save answers with the
 * persona at its next version, unless a refusal is set for the next request.
 */
export async function startLoopbackAdminApi(stored: Persona) {
  const received: ReceivedRequest[] = [];
  let refusal: Refusal | null = null;
  let version = stored.version;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await text(req);
      const path = req.url ?? '/';
      received.push({ method: req.method ?? 'GET', path, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (refusal) {
        const { status, message, param } = refusal;
        refusal = null;
        return json(status, { error: { type: 'invalid_request_error', message, param } });
      }
      if (req.method === 'POST' && path === '/api/admin/personas')
        return json(201, { persona: { ...stored, ...JSON.parse(body).fields, version: 1 } });
      if (req.method === 'PUT' && path === `/api/admin/personas/${stored.id}`) {
        version += 1;
        return json(200, { persona: { ...stored, ...JSON.parse(body).fields, version } });
      }
      if (req.method === 'PUT' && path === `/api/admin/personas/${stored.id}/avatar`)
        return json(200, { persona: stored });
      json(404, { error: { type: 'not_found_error', message: 'Not here.' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    refuseNext(next: Refusal) {
      refusal = next;
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
