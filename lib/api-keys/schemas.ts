import { z } from 'zod';
import { text } from '@/lib/validation/text';

export const MAX_API_KEY_NAME_CHARS = 80;

export const apiKeyName = text({ label: 'The key name', error: 'Give the key a name.' })
  .transform((name) => name.trim())
  .pipe(
    z
      .string()
      .min(1, 'Give the key a name, like “Laptop script”.')
      .max(MAX_API_KEY_NAME_CHARS, `Key names can be at most ${MAX_API_KEY_NAME_CHARS} characters.`),
  );

export const createApiKeyRequest = z.object({ name: apiKeyName });
