import { apiRoute, preflight } from '@/lib/api/route';
import { deleteAccount } from '@/lib/auth/account';
import { requireBrowserSession } from '@/lib/auth/api-user';
import { loadMe, updateMe } from '@/lib/profile/me';
import { readJson } from '@/lib/validation/parse';

/** The signed-in account and the persona its companions know. */
export const GET = apiRoute(async (_request, _context, caller) => Response.json(await loadMe(caller)));

/** Changes the persona; the parts left out stay as they are. */
export const PATCH = apiRoute(async (request, _context, caller) =>
  Response.json(await updateMe(caller, await readJson(request))),
);

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
