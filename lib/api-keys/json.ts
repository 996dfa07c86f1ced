import { z } from 'zod';
import { isoTimestamp, isoTimestampOrNull, timestamp } from '@/lib/api/openapi/shapes';
import type { CreatedApiKey } from '@/lib/api-keys/keys';
import type { ApiKey } from '@/lib/api-keys/queries';

export const apiKeyJsonSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    created_at: timestamp,
    last_used_at: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeyJsonSchema = apiKeyJsonSchema
  .omit({ last_used_at: true })
  .extend({ key: z.string().meta({ description: 'The key itself (`hk_…`), shown only in this response.' }) })
  .meta({ id: 'CreatedApiKey' });

/** A live key as the REST API lists it: its prefix, never the key. */
export function apiKeyJson(k: ApiKey): z.output<typeof apiKeyJsonSchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    created_at: isoTimestamp(k.createdAt),
    last_used_at: isoTimestampOrNull(k.lastUsedAt),
  };
}

/** A new key with the key itself, in the one response that ever shows it. */
export function createdApiKeyJson(k: CreatedApiKey): z.output<typeof createdApiKeyJsonSchema> {
  return { id: k.id, name: k.name, key: k.key, prefix: k.prefix, created_at: isoTimestamp(k.createdAt) };
}
