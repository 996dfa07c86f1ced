import type { Persona } from '@/lib/personas/queries';
import { sendJson, startLoopback, type LoopbackRequest } from '@/components/testing/loopback';

/** A refusal in the admin routes' error envelope. */
export type Refusal = { status: number; message: string; param?: string };

/**
 * The persona routes the studio saves through, on a loopback server: a save answers with the
 * persona at its next version, unless a refusal is set for the next request.
 */
export async function startLoopbackAdminApi(stored: Persona) {
  const received: LoopbackRequest[] = [];
  let refusal: Refusal | null = null;
  let version = stored.version;
  const server = await startLoopback((request, res) => {
    received.push(request);
    const { method, path, body } = request;
    if (refusal) {
      const { status, message, param } = refusal;
      refusal = null;
      return sendJson(res, status, { error: { type: 'invalid_request_error', message, param } });
    }
    if (method === 'POST' && path === '/api/admin/personas')
      return sendJson(res, 201, { persona: { ...stored, ...JSON.parse(body).fields, version: 1 } });
    if (method === 'PUT' && path === `/api/admin/personas/${stored.id}`) {
      version += 1;
      return sendJson(res, 200, { persona: { ...stored, ...JSON.parse(body).fields, version } });
    }
    if (method === 'PUT' && path === `/api/admin/personas/${stored.id}/avatar`)
      return sendJson(res, 200, { persona: stored });
    sendJson(res, 404, { error: { type: 'not_found_error', message: 'Not here.' } });
  });
  return {
    ...server,
    received,
    refuseNext(next: Refusal) {
      refusal = next;
    },
  };
}
