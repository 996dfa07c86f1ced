import { replyToRead } from '@/lib/chat/queries';
import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { textOf } from '@/lib/text';
import { readAloudPieces } from '@/lib/voice/read-aloud-text';
import { speechProvider, synthesizeSpeech, voiceFor, type SynthesizedSpeech } from '@/lib/voice/speech';
import type { Env } from '@/lib/ai/providers';

export type ReadAloudPiece = { speech: SynthesizedSpeech; pieces: number };

/**
 * One piece of a companion's reply spoken by the server's text to speech, in the conversation's
 * language and the companion's voice. The reply is read in the person's RLS scope: another
 * person's message is not found. Throws 'provider_not_configured' when the server has no voice
 * (the browser then speaks).
 */
export async function readAloud(
  user: UserScope,
  input: { messageId: string; piece: number; signal?: AbortSignal },
  env: Env = process.env,
  db?: Database,
): Promise<ReadAloudPiece> {
  if (!speechProvider(env)) throw new HearthError('provider_not_configured', 'The server has no voice configured.');
  const reply = await withUser(user, (tx) => replyToRead(tx, input.messageId), db);
  if (!reply) throw new HearthError('not_found', 'This reply does not exist.');
  const pieces = readAloudPieces(textOf(reply));
  const text = pieces[input.piece];
  if (!text) throw new HearthError('bad_request', 'This reply has nothing more to read.', { param: 'piece' });
  const speech = await synthesizeSpeech(
    { text, language: reply.language, voice: voiceFor(reply, reply.language), signal: input.signal },
    env,
  );
  return { speech, pieces: pieces.length };
}
