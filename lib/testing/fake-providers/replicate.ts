import { encodePng } from '../../uploads/png.ts';
import { sendJson, startLoopbackServer, type LoopbackServer } from './http.ts';

/**
 * A loopback server speaking Replicate's predictions API (api.replicate.com/v1), as the AI SDK's
 * image model uses it:
 *   POST {base}/models/{owner}/{name}/predictions  {input: {prompt, num_outputs, ...}} with Prefer: wait;
 *        answers a prediction still "processing", so the client polls
 *   GET  {base}/predictions/{id}                   the prediction, "succeeded" with output URLs
 *   GET  {base}/files/{id}.png                     the picture (a PNG whose colour comes from the prompt)
 * Bearer token required (except for the file, as Replicate's delivery URLs).
 */
export async function startReplicateServer({ token = 'r8_test-token' } = {}): Promise<
  LoopbackServer & { url: string }
> {
  const predictions = new Map<string, { prompt: string; polls: number; outputs: number }>();
  let origin = '';
  const server = await startLoopbackServer(
    0,
    async (request, res) => {
      const file = /^\/v1\/files\/([\w-]+)-(\d+)\.png$/.exec(request.path);
      if (request.method === 'GET' && file) {
        const prediction = predictions.get(file[1]!);
        if (!prediction) return sendJson(res, 404, { detail: 'Not found.' });
        const seed =
          [...prediction.prompt].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0, 0x811c9dc5) +
          Number(file[2]);
        res.writeHead(200, { 'content-type': 'image/png' });
        return void res.end(
          Buffer.from(encodePng(32, 32, () => [seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff, 255])),
        );
      }
      if (request.headers.authorization !== `Bearer ${token}`)
        return sendJson(res, 401, {
          title: 'Unauthenticated',
          detail: 'You did not pass a valid authentication token',
          status: 401,
        });
      const create = /^\/v1\/models\/[\w.-]+\/[\w.-]+\/predictions$/.exec(request.path);
      if (request.method === 'POST' && create) {
        const input = (request.body as { input?: { prompt?: unknown; num_outputs?: unknown } } | undefined)?.input;
        if (typeof input?.prompt !== 'string')
          return sendJson(res, 422, { title: 'Input validation failed', detail: 'prompt is required', status: 422 });
        const id = crypto.randomUUID().replaceAll('-', '').slice(0, 26);
        predictions.set(id, {
          prompt: input.prompt,
          polls: 0,
          outputs: typeof input.num_outputs === 'number' ? input.num_outputs : 1,
        });
        return sendJson(res, 201, {
          id,
          status: 'processing',
          output: null,
          error: null,
          urls: { get: `${origin}/v1/predictions/${id}`, cancel: `${origin}/v1/predictions/${id}/cancel` },
        });
      }
      const poll = /^\/v1\/predictions\/([\w-]+)$/.exec(request.path);
      if (request.method === 'GET' && poll) {
        const prediction = predictions.get(poll[1]!);
        if (!prediction) return sendJson(res, 404, { detail: 'Not found.' });
        prediction.polls++;
        const output = Array.from({ length: prediction.outputs }, (_, i) => `${origin}/v1/files/${poll[1]}-${i}.png`);
        return sendJson(res, 200, {
          id: poll[1],
          status: 'succeeded',
          output,
          error: null,
          urls: { get: `${origin}/v1/predictions/${poll[1]}` },
        });
      }
      sendJson(res, 404, { detail: `No route ${request.method} ${request.path}` });
    },
    (request) => ({ model: /^\/v1\/models\/(.+)\/predictions$/.exec(request.path)?.[1] }),
    (res) => sendJson(res, 400, { detail: 'Invalid JSON.' }),
  );
  origin = server.origin;
  return { ...server, url: `${server.origin}/v1` };
}
