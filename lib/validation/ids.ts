import { z } from 'zod';
import { LANGUAGES } from '@/lib/languages';
import { text } from './text';

/** Ids and references that many routes, actions and schemas share. */

export const uuid = z.uuid({ error: 'Not a valid id.' });

/** The `{id}` of a route like /api/v1/conversations/{id}. */
export const pathId = z.object({ id: uuid });
/** The `{id}` and `{messageId}` of /api/v1/conversations/{id}/messages/{messageId}/…. */
export const messagePath = z.object({ id: uuid, messageId: uuid });

export const modelId = text({ label: 'The model id', error: 'A model id is required.' })
  .max(200, 'Model ids can be at most 200 characters.')
  .regex(/^[a-z][a-z0-9-]*\/\S+$/, 'Model ids read provider/model, like google/gemini-2.5-flash.');

/** A companion named by its slug or id, in a body or a filter. */
export const companionRef = text({ label: 'The companion', error: 'Name a companion by slug or id.' })
  .min(1, 'Name a companion by slug or id.')
  .max(64, 'No companion has this slug or id.');

/** The `{companion}` of a route like /api/v1/companions/{companion}. */
export const companionPath = z.object({ companion: companionRef });

export const language = z.enum(LANGUAGES, { error: 'Not a supported language.' });
