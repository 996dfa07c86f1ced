import { z } from 'zod';

/** Every error the REST API answers with: `{"error": {"type", "message", …}}`. */
export const errorEnvelope = z
  .object({
    error: z.object({
      type: z.string().meta({ description: 'invalid_request_error, authentication_error, not_found_error, …' }),
      code: z.string().optional().meta({
        description:
          'Which case of the type, where there are several: for rate_limit_error the limit that refused (requests_per_minute, messages_per_hour, sign_ups_per_hour).',
      }),
      message: z.string(),
      param: z.string().optional().meta({ description: 'The request field at fault, e.g. `messages.0.content`.' }),
    }),
  })
  .meta({ id: 'Error' });

/** A page of a list: `{data, next_cursor}`, the cursor null on the last page. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

/** A whole list: `{data}`. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item) });
}

/** An ISO 8601 timestamp, as a Date reaches the wire through JSON.stringify. */
export const timestamp = z.iso.datetime();

/** A Date as the REST API sends it (what Response.json would make of it), typed for the response schemas. */
export function isoTimestamp(date: Date | string): string {
  return new Date(date).toISOString();
}

export function isoTimestampOrNull(date: Date | string | null): string | null {
  return date === null ? null : isoTimestamp(date);
}
