import { z } from 'zod';
import { language, uuid } from './chat';

/** POST /api/v1/calls. */
export const createCallRequest = z.strictObject({
  companion: z.string().min(1, 'Name a companion by slug or id.').max(64, 'No companion has this slug or id.'),
  language: language.optional(),
  conversation: uuid.optional().meta({ description: "Continue one of the caller's conversations with this companion; a new one by default." }),
});

/** POST /api/v1/calls/{id}/end: optionally, when the last reply started playing. */
export const endCallRequest = z.strictObject({
  playback: z
    .strictObject({ turn_id: uuid, playback_ms: z.number().int().min(0).max(3_600_000) })
    .optional()
    .meta({ description: "When the last turn's reply started playing, in ms from the end of the person's speech." }),
});
