import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/session';
import { openConversation } from '@/lib/chat/conversations';
import { uuid } from '@/lib/validation/chat';

/**
 * The signed-in user's conversation, or the not-found page. Cached per request so the layout
 * (which must decide before anything streams, for a real 404 status) and the page share one read.
 */
export const loadConversation = cache(async (id: string) => {
  const user = await requireUser();
  // Someone else's conversation is invisible under RLS, so it is simply not found.
  const open = uuid.safeParse(id).success ? await openConversation(user, id) : null;
  if (!open) notFound();
  return open;
});
