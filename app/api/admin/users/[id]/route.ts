import { adminRoute } from '@/lib/api/admin-route';
import { updateUser } from '@/lib/admin/users';
import { pathId } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';
import { userUpdate } from '@/lib/personas/schemas';

/** Role change, disable or enable; audited. A disabled user is signed out and their API keys stop. */
export const PATCH = adminRoute<{ id: string }>(async (request, context, admin) => {
  const { id } = parseWith(pathId, await context.params);
  return Response.json({ user: await updateUser(admin, id, parseWith(userUpdate, await readJson(request))) });
});
