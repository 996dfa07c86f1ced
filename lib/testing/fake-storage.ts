import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the Supabase Storage API (the calls @supabase/supabase-js makes),
 * under {origin}/storage/v1, with the service role key as bearer token and `apikey`:
 *   GET    /bucket/{id}                    the bucket, or 400 {statusCode: "404", error: "Bucket not found"}
 *   POST   /bucket                         create {id, name, public}
 *   POST   /object/{bucket}/{path}         upload the raw body (x-upsert false: 400 statusCode "409" Duplicate)
 *   GET    /object/{bucket}/{path}         download (authenticated)
 *   DELETE /object/{bucket}                remove {prefixes: [paths]}
 *   POST   /object/sign/{bucket}/{path}    {expiresIn} -> {signedURL: "/object/sign/{bucket}/{path}?token=..."}
 *   GET    /object/sign/{bucket}/{path}?token=...   the object without a key, until the token expires
 */
export type FakeStorage = {
  url: string;
  key: string;
  buckets: Map<string, { public: boolean }>;
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  requests: { method: string; path: string }[];
  close: () => Promise<void>;
};

export async function startFakeStorage({ key = 'service-role-test-key' } = {}): Promise<FakeStorage> {
  const buckets = new Map<string, { public: boolean }>();
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const tokens = new Map<string, { object: string; expires: number }>();
  const requests: { method: string; path: string }[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { statusCode: '500', error: 'internal', message: String(error) }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(/^\/storage\/v1/, ''));
    requests.push({ method: req.method ?? 'GET', path });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const json = () => JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;

    const signed = /^\/object\/sign\/(.+)$/.exec(path);
    if (req.method === 'GET' && signed) {
      const grant = tokens.get(url.searchParams.get('token') ?? '');
      if (!grant || grant.object !== signed[1] || grant.expires < Date.now()) return send(res, 400, { statusCode: '400', error: 'InvalidJWT', message: 'jwt expired or invalid' });
      return sendObject(res, objects.get(signed[1]!));
    }
    if (req.headers.authorization !== `Bearer ${key}` || req.headers.apikey !== key) {
      return send(res, 400, { statusCode: '403', error: 'Unauthorized', message: 'Invalid Compact JWS' });
    }
    const bucketRoute = /^\/bucket\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && bucketRoute) {
      const bucket = buckets.get(bucketRoute[1]!);
      return bucket ? send(res, 200, { id: bucketRoute[1], name: bucketRoute[1], public: bucket.public }) : send(res, 400, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
    }
    if (req.method === 'POST' && path === '/bucket') {
      const input = json();
      if (buckets.has(String(input.id))) return send(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      buckets.set(String(input.id), { public: Boolean(input.public) });
      return send(res, 200, { name: input.id });
    }
    if (req.method === 'POST' && signed === null && path.startsWith('/object/sign/') === false && path.startsWith('/object/')) {
      const object = path.slice('/object/'.length);
      if (!buckets.has(object.split('/')[0]!)) return send(res, 400, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
      if (objects.has(object) && req.headers['x-upsert'] !== 'true') return send(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      objects.set(object, { bytes: body, contentType: req.headers['content-type'] ?? 'application/octet-stream' });
      return send(res, 200, { Id: crypto.randomUUID(), Key: object });
    }
    const signRoute = /^\/object\/sign\/(.+)$/.exec(path);
    if (req.method === 'POST' && signRoute) {
      if (!objects.has(signRoute[1]!)) return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
      const token = crypto.randomUUID();
      tokens.set(token, { object: signRoute[1]!, expires: Date.now() + Number(json().expiresIn) * 1000 });
      return send(res, 200, { signedURL: `/object/sign/${signRoute[1]}?token=${token}` });
    }
    const bucketObjects = /^\/object\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && bucketObjects) {
      const prefixes = (json().prefixes as string[] | undefined) ?? [];
      const removed = prefixes.filter((p) => objects.delete(`${bucketObjects[1]}/${p}`));
      return send(res, 200, removed.map((name) => ({ name, bucket_id: bucketObjects[1] })));
    }
    if (req.method === 'GET' && path.startsWith('/object/')) return sendObject(res, objects.get(path.slice('/object/'.length)));
    send(res, 404, { statusCode: '404', error: 'not_found', message: `No route ${req.method} ${path}` });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    key,
    buckets,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendObject(res: ServerResponse, object: { bytes: Buffer; contentType: string } | undefined) {
  if (!object) return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
  res.writeHead(200, { 'content-type': object.contentType, 'content-length': String(object.bytes.length) });
  res.end(object.bytes);
}
