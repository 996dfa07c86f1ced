import { siteRoute } from '@/lib/api/route';
import { requireSessionClaims } from '@/lib/auth/session';
import { publicModelError } from '@/lib/ai/errors';
import { serverTiming } from '@/lib/api/server-timing';
import { startChatTurn } from '@/lib/chat/pipeline';
import { recordReply } from '@/lib/chat/resume/http';
import { uiMessageStreamResponse } from '@/lib/chat/ui-message-response';
import { addressOf, holdReservation, takeReplyQuota } from '@/lib/rate-limit';
import { chatRequest } from '@/lib/chat/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

export const POST = siteRoute(async (request) => {
  const started = performance.now();
  const { caller: user, check } = await requireSessionClaims(request, 'Sign in to chat.');
  const claimed = performance.now();
  const input = parseWith(chatRequest, await readJson(request));
  const asked = performance.now();
  // Every action here asks the companion for a reply (a new message, an edit, a regeneration),
  // so the request and the message are counted together, the session checked, the day's budget
  // read and a stream slot taken, in one round trip, while the turn reads.
  const reservation = takeReplyQuota(user, addressOf(request), { session: check, request: true });
  let authorized = started;
  reservation.then(() => (authorized = performance.now())).catch(() => {});
  const turn = await holdReservation(
    reservation,
    (admitted) => startChatTurn(user, input, { admitted }),
    (t) => t.saved,
  );
  return uiMessageStreamResponse({
    pipe: turn.pipe,
    messageId: turn.assistantMessageId,
    // Where the time before the first token goes, for browser dev tools and benchmarks: the
    // session and quota (auth: the cookie's session, the body, then the quota's round trip), and
    // beside them the turn's reads; then its prompt (the model is called at its end) and writes.
    headers: {
      'server-timing': serverTiming({
        auth: authorized - started,
        session: claimed - started,
        quota: authorized - asked,
        ...turn.timing,
      }),
    },
    startMetadata: () => ({
      model: turn.model.id,
      offline: turn.model.isOffline,
      userMessageId: turn.userMessageId,
      fallbacks: turn.fallbacks.map((fallback) => fallback.model),
    }),
    onError: (error) => publicModelError(error, turn.model.id),
    // A page that reloads or loses its connection mid-reply resumes from this copy.
    consumeSseStream: recordReply(turn),
  });
});
