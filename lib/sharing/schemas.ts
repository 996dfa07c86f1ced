import { z } from 'zod';
import { uuid } from '@/lib/validation/ids';

export const createShareRequest = z.object({
  conversation: uuid.meta({ description: 'The conversation to share, as it is now.' }),
  show_name: z
    .boolean({ error: 'show_name is true or false.' })
    .default(false)
    .meta({ description: 'Show your account name on the page; otherwise your messages say “You”.' }),
});

export const listSharesQuery = z.object({
  conversation: uuid.optional().meta({ description: 'Only the links of this conversation.' }),
});

/** A link's token: 32 random bytes, base64url. Anything else is not a link. */
export const shareToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
