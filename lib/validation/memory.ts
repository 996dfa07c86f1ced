import { z } from 'zod';

export const MAX_MEMORY_CHARS = 300;

/** A memory as the person writes it when they edit one. */
export const memoryContent = z
  .string({ error: 'Write what should be remembered.' })
  .transform((text) => text.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, 'Write what should be remembered, or delete the memory instead.')
      .max(MAX_MEMORY_CHARS, `A memory can be at most ${MAX_MEMORY_CHARS} characters.`),
  );
