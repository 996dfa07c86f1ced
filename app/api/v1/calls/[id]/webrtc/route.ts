import { apiRoute, preflight } from '@/lib/api/route';
import { callForTurn } from '@/lib/calls/calls';
import { connectLiveCall, disconnectLiveCall } from '@/lib/calls/media/live-calls';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { addressOf, takeReplyQuota } from '@/lib/rate-limit';
import { pathId } from '@/lib/validation/ids';
import { parseWith, readBodyBytes } from '@/lib/validation/parse';

// An SDP offer is a few kilobytes; this leaves room for many candidates.
const MAX_OFFER_BYTES = 64 * 1024;

/**
 * WHIP-style signalling: the browser POSTs its SDP offer and gets the answer (201, application/sdp,
 * Location for hanging up with DELETE). The call's media then flows over WebRTC to this process,
 * which hears the person and speaks the companion's replies (lib/calls/media).
 */
export const POST = apiRoute<{ id: string }>(
  async (request, context, caller) => {
    const { id } = parseWith(pathId, await context.params);
    const bytes = await readBodyBytes(
      request,
      MAX_OFFER_BYTES,
      () => new HearthError('payload_too_large', `An SDP offer can be at most ${MAX_OFFER_BYTES / 1024} KB.`),
    );
    const offer = bytes ? new TextDecoder().decode(bytes) : '';
    if (!/^v=0\r?\n/.test(offer) || !/^m=audio /m.test(offer)) {
      throw new HearthError('bad_request', 'Send an SDP offer with audio (Content-Type: application/sdp).', {
        param: 'body',
      });
    }
    await withUser(caller, (tx) => callForTurn(tx, id));
    const address = addressOf(request);
    const answer = await connectLiveCall({
      user: caller,
      callId: id,
      offer,
      reserve: () => takeReplyQuota(caller, address),
    });
    return new Response(answer, {
      status: 201,
      headers: { 'content-type': 'application/sdp', location: `/api/v1/calls/${id}/webrtc` },
    });
  },
  { accepts: ['sdp'] },
);

/** Hangs up the call's media (the call itself ends with POST …/end). 204 whether or not it was connected here. */
export const DELETE = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  await disconnectLiveCall(caller, id);
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
