import { apiRoute, preflight } from '@/lib/api/route';
import { eventBody, SSE_HEADERS } from '@/lib/api/sse';
import { findCall } from '@/lib/calls/calls';
import { subscribeToCall } from '@/lib/calls/media/call-events';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

// A call lasts at most an hour; a client reconnects (EventSource does by itself) when this ends.
export const maxDuration = 300;

/** A live call's events as Server-Sent Events, from now on, until the call ends or the client leaves. */
export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const call = await findCall(caller, id);
  let unsubscribe = () => {};
  const body = eventBody(
    (writer) => {
      if (call.status === 'ended') {
        writer.send(`event: ended\ndata: {}\n\n`);
        return writer.close();
      }
      unsubscribe = subscribeToCall(id, ({ type, ...data }) => {
        writer.send(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
        if (type === 'ended') {
          unsubscribe();
          writer.close();
        }
      });
    },
    { message: ': ping\n\n', intervalMs: 15_000 },
    () => unsubscribe(),
  );
  return new Response(body, { headers: SSE_HEADERS });
});

export const OPTIONS = preflight;
