import { deleteLapsedGuests as deleteGuests, LAPSED_GUEST_AGE_MS } from '@/lib/auth/lapsed-guests';
import { MINUTE_MS, type Job } from './job';

export const deleteLapsedGuests: Job = {
  name: 'delete-lapsed-guests',
  description:
    'Deletes guest accounts nobody can sign in to any more (no session used and no chat written for 30 days), with their chats, memories and files.',
  everyMs: 6 * 60 * MINUTE_MS,
  async run(tx, { store, now }) {
    return { rows: await deleteGuests(tx, store, new Date(now - LAPSED_GUEST_AGE_MS)) };
  },
};
