import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the Supabase Storage API (the calls @supabase/supabase-js makes, and
 * the browser's upload to a signed URL), under {origin}/storage/v1, with the service role key as
 * bearer token and `apikey`:
 *   GET    /bucket/{id}                    the bucket, or 400 {statusCode: "404", error: "Bucket not found"}
 *   POST   /bucket                         create {id, name, public, file_size_limit?, allowed_mime_types?}
 *   POST   /object/{bucket}/{path}         upload the raw body (x-upsert false: 400 statusCode "409" Duplicate)
 *   GET    /object/{bucket}/{path}         download (authenticated)
 *   GET    /object/info/{bucket}/{path}    {id, name, bucket_id, size, content_type, ...}, or 400 statusCode "404"
 *   DELETE /object/{bucket}                remove {prefixes: [paths]}
 *   POST   /object/sign/{bucket}/{path}    {expiresIn} -> {signedURL: "/object/sign/{bucket}/{path}?token=..."}
 *   GET    /object/sign/{bucket}/{path}?token=...          the object without a key, until the token expires
 *   POST   /object/upload/sign/{bucket}/{path}             -> {url: "/object/upload/sign/{bucket}/{path}?token=..."} (2 hours)
 *   PUT    /object/upload/sign/{bucket}/{path}?token=...   create the object without a key: the raw body with its
 *          Content-Type, or multipart/form-data with the file part; never replaces one (unless signed with
 *          x-upsert: true); the bucket's file_size_limit (413) and allowed_mime_types (415) apply
 * Every answer allows any origin, as Storage does, so a page can upload to it from the browser.
 */
export type FakeBucket = { public: boolean; fileSizeLimit: number | null; allowedMimeTypes: string[] | null };
export type FakeObject = { bytes: Buffer; contentType: string; createdAt: string };
export type FakeStorage = {
  url: string;
  key: string;
  buckets: Map<string, FakeBucket>;
  objects: Map<string, FakeObject>;
  requests: { method: string; path: string; authorized: boolean }[];
  close: () => Promise<void>;
};

const UPLOAD_URL_SECONDS = 2 * 60 * 60;

export async function startFakeStorage({ key = 'service-role-test-key', port = 0 } = {}): Promise<FakeStorage> {
  const buckets = new Map<string, FakeBucket>();
  const objects = new Map<string, FakeObject>();
  const tokens = new Map<string, { object: string; expires: number }>();
  const uploadTokens = new Map<string, { object: string; expires: number; upsert: boolean }>();
  const requests: FakeStorage['requests'] = [];

  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    void handle(req, res).catch((error: unknown) =>
      send(res, 500, { statusCode: '500', error: 'internal', message: String(error) }),
    );
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(/^\/storage\/v1/, ''));
    const method = req.method ?? 'GET';
    const authorized = req.headers.authorization === `Bearer ${key}` && req.headers.apikey === key;
    requests.push({ method, path, authorized });
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const json = () => JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    const token = url.searchParams.get('token') ?? '';

    // Reached with a token instead of the key.
    const signed = /^\/object\/sign\/(.+)$/.exec(path);
    if (method === 'GET' && signed) {
      const grant = tokens.get(token);
      if (!grant || grant.object !== signed[1] || grant.expires < Date.now())
        return send(res, 400, { statusCode: '400', error: 'InvalidJWT', message: 'jwt expired or invalid' });
      return sendObject(res, objects.get(signed[1]!));
    }
    const signedUpload = /^\/object\/upload\/sign\/(([^/]+)\/.+)$/.exec(path);
    if (method === 'PUT' && signedUpload) {
      const [, object, bucketId] = signedUpload as unknown as [string, string, string];
      const grant = uploadTokens.get(token);
      if (!grant) return send(res, 400, { statusCode: '400', error: 'Invalid JWT', message: 'invalid signature' });
      if (grant.object !== object)
        return send(res, 400, {
          statusCode: '400',
          error: 'InvalidSignature',
          message: 'The url do not match the signature',
        });
      if (grant.expires < Date.now())
        return send(res, 400, { statusCode: '400', error: 'ExpiredSignature', message: 'The signature has expired' });
      const bucket = buckets.get(bucketId);
      if (!bucket) return send(res, 400, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
      const file = await uploadedFile(req.headers['content-type'], body);
      if (!file)
        return send(res, 400, { statusCode: '400', error: 'invalid_request', message: 'No file in the request' });
      if (bucket.fileSizeLimit !== null && file.bytes.length > bucket.fileSizeLimit) {
        return send(res, 413, {
          statusCode: '413',
          error: 'Payload too large',
          message: 'The object exceeded the maximum allowed size',
        });
      }
      if (bucket.allowedMimeTypes && !bucket.allowedMimeTypes.includes(file.contentType.split(';')[0]!.trim())) {
        return send(res, 415, {
          statusCode: '415',
          error: 'invalid_mime_type',
          message: `mime type ${file.contentType} is not supported`,
        });
      }
      if (objects.has(object) && !grant.upsert)
        return send(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      objects.set(object, { ...file, createdAt: new Date().toISOString() });
      return send(res, 200, { Key: object });
    }

    if (!authorized)
      return send(res, 400, { statusCode: '403', error: 'Unauthorized', message: 'Invalid Compact JWS' });
    const bucketRoute = /^\/bucket\/([^/]+)$/.exec(path);
    if (method === 'GET' && bucketRoute) {
      const bucket = buckets.get(bucketRoute[1]!);
      return bucket
        ? send(res, 200, {
            id: bucketRoute[1],
            name: bucketRoute[1],
            public: bucket.public,
            file_size_limit: bucket.fileSizeLimit,
            allowed_mime_types: bucket.allowedMimeTypes,
          })
        : send(res, 400, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
    }
    if (method === 'POST' && path === '/bucket') {
      const input = json();
      if (buckets.has(String(input.id)))
        return send(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      buckets.set(String(input.id), {
        public: Boolean(input.public),
        fileSizeLimit: typeof input.file_size_limit === 'number' ? input.file_size_limit : null,
        allowedMimeTypes: Array.isArray(input.allowed_mime_types) ? (input.allowed_mime_types as string[]) : null,
      });
      return send(res, 200, { name: input.id });
    }
    const signUpload = /^\/object\/upload\/sign\/(([^/]+)\/.+)$/.exec(path);
    if (method === 'POST' && signUpload) {
      if (!buckets.has(signUpload[2]!))
        return send(res, 400, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
      const grant = crypto.randomUUID();
      uploadTokens.set(grant, {
        object: signUpload[1]!,
        expires: Date.now() + UPLOAD_URL_SECONDS * 1000,
        upsert: req.headers['x-upsert'] === 'true',
      });
      return send(res, 200, { url: `/object/upload/sign/${signUpload[1]}?token=${grant}` });
    }
    const signRoute = /^\/object\/sign\/(.+)$/.exec(path);
    if (method === 'POST' && signRoute) {
      if (!objects.has(signRoute[1]!))
        return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
      const grant = crypto.randomUUID();
      tokens.set(grant, { object: signRoute[1]!, expires: Date.now() + Number(json().expiresIn) * 1000 });
      return send(res, 200, { signedURL: `/object/sign/${signRoute[1]}?token=${grant}` });
    }
    const info = /^\/object\/info\/(([^/]+)\/.+)$/.exec(path);
    if (method === 'GET' && info) {
      const object = objects.get(info[1]!);
      if (!object) return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
      return send(res, 200, {
        id: crypto.randomUUID(),
        name: info[1]!.slice(info[2]!.length + 1),
        version: '1',
        bucket_id: info[2],
        size: object.bytes.length,
        content_type: object.contentType,
        cache_control: 'max-age=3600',
        etag: null,
        metadata: null,
        last_modified: object.createdAt,
        created_at: object.createdAt,
      });
    }
    if (method === 'POST' && path.startsWith('/object/')) {
      const object = path.slice('/object/'.length);
      if (!buckets.has(object.split('/')[0]!))
        return send(res, 400, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
      if (objects.has(object) && req.headers['x-upsert'] !== 'true')
        return send(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      objects.set(object, {
        bytes: body,
        contentType: req.headers['content-type'] ?? 'application/octet-stream',
        createdAt: new Date().toISOString(),
      });
      return send(res, 200, { Id: crypto.randomUUID(), Key: object });
    }
    const bucketObjects = /^\/object\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && bucketObjects) {
      const prefixes = (json().prefixes as string[] | undefined) ?? [];
      const removed = prefixes.filter((p) => objects.delete(`${bucketObjects[1]}/${p}`));
      return send(
        res,
        200,
        removed.map((name) => ({ name, bucket_id: bucketObjects[1] })),
      );
    }
    if (method === 'GET' && path.startsWith('/object/'))
      return sendObject(res, objects.get(path.slice('/object/'.length)));
    send(res, 404, { statusCode: '404', error: 'not_found', message: `No route ${method} ${path}` });
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
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

/** The uploaded file: the raw body with its Content-Type, or the file part of a multipart body. */
async function uploadedFile(
  contentType: string | undefined,
  body: Buffer,
): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (/^multipart\/form-data/i.test(contentType ?? '')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType! } })
      .formData()
      .catch(() => null);
    const file = form && [...form.values()].find((value): value is File => typeof value !== 'string');
    return file
      ? { bytes: Buffer.from(await file.arrayBuffer()), contentType: file.type || 'application/octet-stream' }
      : null;
  }
  return { bytes: body, contentType: contentType ?? 'application/octet-stream' };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendObject(res: ServerResponse, object: FakeObject | undefined) {
  if (!object) return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
  res.writeHead(200, { 'content-type': object.contentType, 'content-length': String(object.bytes.length) });
  res.end(object.bytes);
}
