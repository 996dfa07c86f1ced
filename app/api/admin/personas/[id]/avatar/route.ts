import { adminRoute, readBytes } from '@/lib/api/admin-route';
import { MAX_AVATAR_BYTES } from '@/lib/personas/avatar';
import { storedAvatar } from '@/lib/personas/avatar-resize';
import { replaceAvatar } from '@/lib/personas/service';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** The image file as the raw body; its type is read from its bytes, whatever it is called. Stored resized, as WebP. */
export const PUT = adminRoute<{ id: string }>(
  async (request, context, admin) => {
    const { id } = parseWith(pathId, await context.params);
    const avatar = await storedAvatar(await readBytes(request, MAX_AVATAR_BYTES, 'Avatars'));
    return Response.json({ persona: await replaceAvatar(admin, id, avatar) });
  },
  { accepts: ['bytes'] },
);
