import type { Upload } from '@/lib/db/uploads';
import { uploadUrl } from '@/lib/uploads/service';

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
