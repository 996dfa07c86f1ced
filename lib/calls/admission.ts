import type { UserScope } from '@/lib/db/scope';

/**
 * Every call turn passes here before anything is read or written: the one place where limits on
 * messages (the chat entry points' quotas) apply to calls. Today nothing refuses a turn here
 * beyond the REST API's per-minute rate limit, which apiRoute applies.
 */
export async function admitCallTurn(user: UserScope): Promise<void> {
  void user;
}
