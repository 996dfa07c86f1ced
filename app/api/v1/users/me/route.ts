import { apiRoute, preflight } from '@/lib/api/route';
import { deleteAccount } from '@/lib/auth/account';
import { requireBrowserSession } from '@/lib/auth/api-user';

/**
 * Deletes the signed-in account: conversations, messages, keys, usage, uploads and their stored
 * files. Browser sessions only: an API key cannot delete the account it belongs to.
 */
export const DELETE = apiRoute(async (_request, _context, caller) => {
  requireBrowserSession(caller);
  await deleteAccount(caller);
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
