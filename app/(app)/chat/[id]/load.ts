import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/session';
import { openConversation, type OpenConversation } from '@/lib/conversations/service';
import { isHearthError } from '@/lib/errors';
import { clientAddress, takeRequestQuota } from '@/lib/rate-limit';
import { uuid } from '@/lib/validation/ids';

/** The page could be loaded, or it was loaded too often: how many seconds until it may be again. */
export type LoadedConversation = ({ limited: false } & OpenConversation) | { limited: true; retryAfterSeconds: number };

/**
 * The signed-in user's conversation, or the not-found page. Cached per request so the layout
 * (which must decide before anything streams, for a real 404 status) and the page share one read.
 * Each load takes the request quota, as a server action does: reloading a long conversation in a
 * loop is refused with a friendly page, not served until the server gives out.
 */
export const loadConversation = cache(async (id: string): Promise<LoadedConversation> => {
  const user = await requireUser();
  try {
    await takeRequestQuota(user, clientAddress(await headers()));
  } catch (error) {
    if (isHearthError(error) && error.status === 429) {
      return { limited: true, retryAfterSeconds: Number(error.headers?.['retry-after']) || 60 };
    }
    throw error;
  }
  // Someone else's conversation is invisible under RLS, so it is simply not found.
  const open = uuid.safeParse(id).success ? await openConversation(user, id) : null;
  if (!open) notFound();
  return { limited: false, ...open };
});
