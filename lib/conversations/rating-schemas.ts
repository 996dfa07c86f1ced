import { z } from 'zod';

/** A thumb: 1 up (a good reply), -1 down (a bad one). */
export const ratingValue = z.union([z.literal(1), z.literal(-1)], { error: 'A rating is 1 (good) or -1 (bad).' });

/** The chat's rate action: a thumb, or null to clear it. */
export const ratingOrClear = ratingValue.nullable();

/** PUT /api/v1/conversations/{id}/messages/{messageId}/rating. Strict: a misspelt field is an error. */
export const rateReplyRequest = z.strictObject({ value: ratingValue });
