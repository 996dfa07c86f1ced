import { z } from 'zod';
import { isoTimestamp, timestamp } from '@/lib/api/openapi/shapes';
import { requestOrigin } from '@/lib/auth/request-origin';
import type { Upload } from '@/lib/uploads/queries';
import { uploadUrl } from '@/lib/uploads/service';
import type { IssuedTarget } from '@/lib/uploads/direct';

export const uploadJsonSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['image', 'audio']),
    media_type: z.string().meta({ examples: ['image/png', 'audio/webm'] }),
    size: z.number().int().meta({ description: 'Bytes.' }),
    url: z.string().meta({ description: 'Where the caller can fetch the file; short-lived with Supabase Storage.' }),
    width: z.number().nullable(),
    height: z.number().nullable(),
    filename: z.string().nullable(),
    transcript: z.string().nullable().meta({ description: "A voice note's words, when it was transcribed." }),
    transcript_language: z
      .string()
      .nullable()
      .meta({ description: 'The language the transcriber detected, e.g. `en`.' }),
    transcript_error: z
      .string()
      .nullable()
      .meta({ description: 'Why there is no transcript, in words fit to show the person who sent it.' }),
    created_at: timestamp,
  })
  .meta({ id: 'Upload' });

export const uploadTargetJsonSchema = z
  .object({
    id: z.uuid().meta({ description: 'The upload, once confirmed; attach it by this id.' }),
    method: z.enum(['PUT']),
    url: z.string().meta({
      description:
        "Where to send the file's bytes: a signed Supabase Storage URL, or this server's /api/v1/uploads/{id}/content.",
    }),
    headers: z
      .record(z.string(), z.string())
      .meta({ description: 'Headers the request must carry, e.g. content-type.' }),
    fields: z.record(z.string(), z.string()).optional().meta({
      description: 'Form fields to send before the file, for targets that take a multipart POST; absent for PUT.',
    }),
    send_credentials: z.boolean().meta({
      description:
        "Whether to send your API key or session cookie: true for this server's own route, false for a signed URL.",
    }),
    expires_at: timestamp.meta({ description: 'Send the bytes before this (two hours).' }),
    confirm_url: z.string().meta({ description: 'POST here once the bytes are sent.' }),
  })
  .meta({ id: 'UploadTarget' });

/** An upload as the REST API shows it. `url` is short-lived with Supabase Storage. */
export async function uploadJson(upload: Upload, request: Request): Promise<z.output<typeof uploadJsonSchema>> {
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
    created_at: isoTimestamp(upload.createdAt),
  };
}

/** Where the client sends a pending upload's bytes, as the REST API shows it. */
export function uploadTargetJson({
  pending,
  target,
  expiresAt,
}: IssuedTarget): z.output<typeof uploadTargetJsonSchema> {
  return {
    id: pending.id,
    method: target.method,
    url: target.url,
    headers: target.headers,
    send_credentials: target.sendCredentials,
    expires_at: isoTimestamp(expiresAt),
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
