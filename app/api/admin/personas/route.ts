import { adminRoute } from '@/lib/api/admin-route';
import { createPersona, personaList } from '@/lib/personas/service';
import { parseWith, queryOf, readJson } from '@/lib/validation/parse';
import { personaFilters, personaSave } from '@/lib/personas/schemas';

export const GET = adminRoute(async (request, _context, admin) => {
  return Response.json({ data: await personaList(admin, parseWith(personaFilters, queryOf(request))) });
});

export const POST = adminRoute(async (request, _context, admin) => {
  const { fields } = parseWith(personaSave, await readJson(request));
  return Response.json({ persona: await createPersona(admin, fields) }, { status: 201 });
});
