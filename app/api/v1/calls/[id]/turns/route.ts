import { apiRoute, preflight } from '@/lib/api/route';
import { SSE_HEADERS, sseStream } from '@/lib/api/sse';
import { encodeEvent } from '@/lib/calls/events';
import { startCallTurn } from '@/lib/calls/turn';
import { receiveTurn } from '@/lib/calls/utterance';
import { addressOf, holdReservation, takeReplyQuota } from '@/lib/rate-limit';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

/**
 * One turn of a call: the utterance (or typed text, and a camera frame) in, the reply out as
 * Server-Sent Events with its text and audio (lib/calls/events.ts). A client that aborts the
 * request (barge-in, a dropped connection) stops the reply, which is saved as interrupted.
 */
export const POST = apiRoute<{ id: string }>(
  async (request, context, caller) => {
    const { id } = parseWith(pathId, await context.params);
    const input = await receiveTurn(request);
    // A turn is a message the companion answers, counted like the chat's once it is known to be valid.
    const reservation = takeReplyQuota(caller, addressOf(request));
    const leave = new AbortController();
    request.signal.addEventListener('abort', () => leave.abort(), { once: true });
    const turn = await holdReservation(
      reservation,
      // Transcription spends before the turn reads: the call waits for its reservation.
      (admitted) => admitted.then(() => startCallTurn(caller, id, input, { signal: leave.signal })),
      (t) => t.finished,
    );
    const events = (async function* () {
      try {
        for await (const event of turn.events) yield encodeEvent(event);
      } finally {
        // The response was cancelled (or finished): a reply still running stops here.
        leave.abort();
      }
    })();
    return new Response(sseStream(events, { message: ': ping\n\n', intervalMs: 15_000 }), { headers: SSE_HEADERS });
  },
  { accepts: ['multipart'] },
);

export const OPTIONS = preflight;
