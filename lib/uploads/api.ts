import { z } from 'zod';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { uploadJsonSchema, uploadTargetJsonSchema } from './json';
import { createUploadTargetRequest } from './schemas';

const CREATE_UPLOAD =
  'Files: a PNG, JPEG, WebP or GIF image (up to 10 MB and 8192 pixels a side) or a WebM, Ogg, MP3, WAV or M4A voice note (up to 25 MB). Two ways in:\n\n' +
  "- **JSON** `{kind, media_type, size, filename}` (recommended): the answer (201) is an upload target. Send the bytes with `method` to `url` with `headers` (with your API key or session cookie only when `send_credentials` is true: the app's own route; a signed Supabase Storage URL takes none), then POST `confirm_url`. The bytes never pass through the app's function, so any file up to its cap works on Vercel too.\n" +
  '- **multipart/form-data** with the file in the field `file`: checked and kept at once (201, the upload). On Vercel the whole request must stay under 4.5 MB.\n\n' +
  'The type is read from the content, not the name: anything else is a 400. A voice note is transcribed when a transcription provider (Groq, OpenAI or Gemini) is configured; otherwise `transcript_error` says, in words fit for the person who sent it, why there is no transcript (`/api/health` tells an admin what to configure). Attach the upload to a message with `attachments: [id]`. `url` is the file for this caller only (a short-lived signed URL with Supabase Storage). Targets never confirmed, and uploads no message took, are deleted after a day.';

const MEDIA_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'audio/webm',
  'audio/ogg',
  'audio/mpeg',
  'audio/wav',
  'audio/mp4',
];

export const uploadsApi: ApiGroup = {
  tag: { name: 'Uploads', description: 'Images and voice notes to attach to messages.' },
  components: [uploadJsonSchema, uploadTargetJsonSchema],
  operations: [
    {
      method: 'post',
      path: '/api/v1/uploads',
      operationId: 'createUpload',
      summary: 'Upload an image or a voice note',
      description: CREATE_UPLOAD,
      auth: 'key or session',
      body: {
        schema: createUploadTargetRequest,
        example: { kind: 'image', media_type: 'image/png', size: 48213, filename: 'sunset.png' },
      },
      multipart: {
        type: 'object',
        properties: {
          file: {
            type: 'string',
            contentMediaType: 'application/octet-stream',
            description: 'The image or audio file.',
          },
        },
        required: ['file'],
      },
      success: [
        {
          kind: 'json',
          status: 201,
          description: 'JSON: the upload target. Multipart: the upload.',
          schema: z.xor([uploadTargetJsonSchema, uploadJsonSchema]),
        },
      ],
      errors: [400, 401, 413, 503],
    },
    {
      method: 'post',
      path: '/api/v1/uploads/{id}/confirm',
      operationId: 'confirmUpload',
      summary: 'Confirm an upload sent to its target',
      description:
        "Reads the stored file back and checks it as a multipart upload is checked: its content must be the `media_type` announced (and, with Supabase Storage, sent with the target's Content-Type), within the size cap and, for an image, 8192 pixels a side (a header claiming more is refused without decoding). A voice note is transcribed. A refused file is deleted, with its target: ask for a new one. Confirming again answers the same upload (200). Nothing sent yet is a 409.",
      auth: 'key or session',
      success: [
        { kind: 'json', status: 201, description: 'The upload, recorded.', schema: uploadJsonSchema },
        { kind: 'json', status: 200, description: 'The upload, confirmed before.', schema: uploadJsonSchema },
      ],
      errors: [400, 401, 404, 409, 413, 503],
    },
    {
      method: 'delete',
      path: '/api/v1/uploads/{id}',
      operationId: 'deleteUpload',
      summary: 'Delete an upload not yet sent',
      description:
        'Deletes an upload that no message carries yet, or one still pending (its target handed out, not confirmed: a cancelled upload), with its stored file. One that is part of a message goes with its conversation (409 here).',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Deleted.' }],
      errors: [400, 401, 404, 409],
    },
    {
      method: 'get',
      path: '/api/v1/uploads/{id}/content',
      operationId: 'getUploadContent',
      summary: "An upload's bytes",
      description:
        "Only for its owner: anyone else's upload is a 404. Not counted against the rate limit (a chat page loads its pictures from here).",
      auth: 'key or session',
      success: [
        { kind: 'binary', status: 200, description: 'The file (local storage).', mediaTypes: MEDIA_TYPES },
        {
          kind: 'redirect',
          status: 302,
          description: 'With Supabase Storage: a redirect to a short-lived signed URL.',
          location: 'The signed URL, valid for 5 minutes.',
        },
      ],
      errors: [400, 401, 404],
    },
    {
      method: 'put',
      path: '/api/v1/uploads/{id}/content',
      operationId: 'sendUploadContent',
      summary: "An upload target's bytes (local storage)",
      description:
        "Where an upload target points when this server keeps files on its own disk: the file's bytes as the body, with the target's Content-Type and your usual credentials, once. Read up to the kind's cap (images 10 MB, audio 25 MB) and refused past it. With Supabase Storage the target is a signed Storage URL instead, and this is a 409. Not counted against the rate limit: asking for the target was.",
      auth: 'key or session',
      binary: 'The file.',
      success: [{ kind: 'empty', status: 204, description: 'Stored: now confirm it.' }],
      errors: [400, 401, 404, 409, 410, 413],
    },
  ],
};
