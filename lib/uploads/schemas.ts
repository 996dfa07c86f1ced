import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { AUDIO_TYPES, IMAGE_TYPES, MAX_AUDIO_BYTES } from '@/lib/uploads/limits';

const MEDIA_TYPES = [...IMAGE_TYPES, ...AUDIO_TYPES] as const;

/** POST /api/v1/uploads with JSON: announce a file, get back where to send its bytes. */
export const createUploadTargetRequest = z.strictObject({
  kind: z.enum(['image', 'audio'], { error: 'kind must be "image" or "audio".' }),
  media_type: z.enum(MEDIA_TYPES, { error: `media_type must be one of ${MEDIA_TYPES.join(', ')}.` }).meta({
    description:
      "The file's type by its content (the confirmation reads its magic bytes and refuses a file of another type).",
  }),
  size: z
    .number({ error: 'size must be the file size in bytes.' })
    .int('size must be a whole number of bytes.')
    .min(1, 'The file is empty.')
    // The caps per kind (images 10 MB) are checked after parsing, with a 413.
    .max(Number.MAX_SAFE_INTEGER, 'size must be the file size in bytes.')
    .meta({ description: `Bytes. Images up to 10 MB, audio up to ${MAX_AUDIO_BYTES / 1024 / 1024} MB.` }),
  filename: text({ label: 'filename' }).max(1000, 'filename can be at most 1000 characters.').nullable().optional(),
});
