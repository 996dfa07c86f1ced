import { apiRoute, preflight } from '@/lib/api/route';
import { accountExportEntries } from '@/lib/export/account';
import { attachment } from '@/lib/export/filename';
import { zipStream } from '@/lib/export/zip';
import { publicOrigin } from '@/lib/uploads/json';

/** Everything of the caller's as a zip, streamed one file at a time. */
export const GET = apiRoute(async (request, context, caller) => {
  const now = new Date();
  const entries = accountExportEntries(caller, { now, origin: publicOrigin(request) });
  return new Response(zipStream(entries), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': attachment(`hearth-export-${now.toISOString().slice(0, 10)}.zip`),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});

export const OPTIONS = preflight;
