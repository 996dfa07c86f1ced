import { z } from 'zod';
import { text } from '@/lib/validation/text';

export const MAX_MEMORY_CHARS = 300;

/** A memory as the person writes it when they edit one. */
export const memoryContent = text({ multiline: true, label: 'The memory', error: 'Write what should be remembered.' })
  .transform((text) => text.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, 'Write what should be remembered, or delete the memory instead.')
      .max(MAX_MEMORY_CHARS, `A memory can be at most ${MAX_MEMORY_CHARS} characters.`),
  );

/** PATCH /api/v1/memories/{id}. */
export const updateMemoryRequest = z.strictObject({ content: memoryContent });

/** PATCH /api/v1/companions/{companion}/memories: the companion's switch and the sharing opt-in. */
export const memorySettingsRequest = z
  .strictObject({
    enabled: z.boolean({ error: 'enabled must be true or false.' }).optional(),
    shared: z.boolean({ error: 'shared must be true or false.' }).optional(),
  })
  .refine((body) => body.enabled !== undefined || body.shared !== undefined, {
    error: 'Send enabled, shared or both.',
  });
