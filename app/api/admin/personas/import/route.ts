import { adminRoute, fileNameHeader, readBytes } from '@/lib/api/admin-route';
import { importCard } from '@/lib/personas/cards';
import { MAX_CARD_FILE_BYTES } from '@/lib/cards/card';

/** A Character Card file (PNG or JSON, V1/V2/V3) as the raw body; creates a draft persona or nothing. */
export const POST = adminRoute(
  async (request, _context, admin) => {
    const fileName = fileNameHeader(request);
    const bytes = await readBytes(request, MAX_CARD_FILE_BYTES, 'Card files');
    const { persona, spec } = await importCard(admin, bytes, fileName);
    return Response.json({ persona, spec }, { status: 201 });
  },
  { accepts: ['bytes'] },
);
