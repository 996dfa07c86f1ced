import { z } from 'zod';
import { sessionRoute } from '@/lib/api/route';
import { readAloud } from '@/lib/chat/read-aloud';
import { addressOf, takeRequestQuota } from '@/lib/rate-limit';
import { uuid } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

const readAloudRequest = z.object({ messageId: uuid, piece: z.number().int().min(0).max(100).default(0) });

/**
 * One piece of a companion's reply, spoken by the server's text to speech (the chat's read-aloud
 * button). `x-speech-pieces` says how many pieces the reply has. Without a configured voice the
 * answer is a 503 `provider_not_configured`, and the browser speaks the reply itself.
 */
export const POST = sessionRoute(
  async (request, _context, user) => {
    const { messageId, piece } = parseWith(readAloudRequest, await readJson(request));
    await takeRequestQuota(user, addressOf(request));
    const { speech, pieces } = await readAloud(user, { messageId, piece, signal: request.signal });
    return new Response(Buffer.from(speech.audio), {
      headers: {
        'content-type': speech.mediaType,
        'cache-control': 'private, no-store',
        'x-speech-pieces': String(pieces),
      },
    });
  },
  { signIn: 'Sign in to listen.' },
);
