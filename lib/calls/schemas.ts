import { z } from 'zod';
import { companionRef, language, uuid } from '@/lib/validation/ids';
import { text } from '@/lib/validation/text';

/** POST /api/v1/calls. */
export const createCallRequest = z.strictObject({
  companion: companionRef,
  language: language.optional(),
  conversation: uuid
    .optional()
    .meta({ description: "Continue one of the caller's conversations with this companion; a new one by default." }),
});

/** POST /api/v1/calls/{id}/end: optionally, when the last reply started playing. */
export const endCallRequest = z.strictObject({
  playback: z
    .strictObject({ turn_id: uuid, playback_ms: z.number().int().min(0).max(3_600_000) })
    .optional()
    .meta({ description: "When the last turn's reply started playing, in ms from the end of the person's speech." }),
});

/** A call turn's multipart `text` field (typed in the call), when there is one; its length is checked with the turn. */
export const typedText = z.object({ text: text({ multiline: true, label: 'The message' }).nullable() });
