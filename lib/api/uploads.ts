import type { Upload } from '@/lib/db/uploads';
import { uploadUrl } from '@/lib/uploads/service';
import type { IssuedTarget } from '@/lib/uploads/direct';

/** An upload as the REST API shows it. `url` is short-lived with Supabase Storage. */
export async function uploadJson(upload: Upload, request: Request) {
  return {
    id: upload.id,
    kind: upload.kind,
    media_type: upload.mediaType,
    size: upload.sizeBytes,
    url: await uploadUrl(upload, new URL(request.url).origin),
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
