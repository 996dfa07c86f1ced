import { z } from 'zod';
import { adminRoute } from '@/lib/api/admin-route';
import { archivePersona, duplicatePersona, restoreVersion, setVisibility } from '@/lib/personas/service';
import { pathId } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

const action = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.enum(['publish', 'unpublish', 'archive', 'restore', 'duplicate']) }),
    z.object({ action: z.literal('restore_version'), version: z.number().int().min(1) }),
  ],
  { error: 'Unknown action.' },
);

/** One-click persona actions from the list and the studio; each is audited. */
export const POST = adminRoute<{ id: string }>(async (request, context, admin) => {
  const { id } = parseWith(pathId, await context.params);
  const input = parseWith(action, await readJson(request));
  const persona = await (() => {
    switch (input.action) {
      case 'publish':
        return setVisibility(admin, id, 'published');
      case 'unpublish':
        return setVisibility(admin, id, 'draft');
      case 'archive':
        return archivePersona(admin, id, true);
      case 'restore':
        return archivePersona(admin, id, false);
      case 'duplicate':
        return duplicatePersona(admin, id);
      case 'restore_version':
        return restoreVersion(admin, id, input.version);
    }
  })();
  return Response.json({ persona });
});
