import { requestOrigin } from '@/lib/auth/request-origin';
import type { Upload } from '@/lib/uploads/queries';
import { uploadUrl } from '@/lib/uploads/service';
import type { IssuedTarget } from '@/lib/uploads/direct';

/** An upload as the REST API shows it. `url` is short-lived with Supabase Storage. */
export async function uploadJson(upload: Upload, request: Request) {
  return {
    id: upload.id,
    kind: upload.kind,
    media_type: upload.mediaType,
    size: upload.sizeBytes,
    url: await uploadUrl(upload, publicOrigin(request)),
    width: upload.width,
    height: upload.height,
    filename: upload.filename,
    transcript: upload.transcript,
    transcript_language: upload.transcriptLanguage,
    transcript_error: upload.transcriptError,
    created_at: upload.createdAt,
  };
}

/** Where the client sends a pending upload's bytes, as the REST API shows it. */
export function uploadTargetJson({ pending, target, expiresAt }: IssuedTarget) {
  return {
    id: pending.id,
    method: target.method,
    url: target.url,
    headers: target.headers,
    send_credentials: target.sendCredentials,
    expires_at: expiresAt,
    confirm_url: `/api/v1/uploads/${pending.id}/confirm`,
  };
}

/**
 * The origin the client reached the app at, for URLs it is to use: the Host it sent (or the
 * proxy's X-Forwarded-Host/-Proto). Next.js's request.url can name another host for the same
 * server (localhost for 127.0.0.1), and a browser treats that as another site: no cookies, CORS.
 */
export function publicOrigin(request: Request): string {
  return requestOrigin(request.headers, new URL(request.url).origin);
}
