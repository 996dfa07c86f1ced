import { companionLinkRef } from '@/lib/companions/links';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { CallScreenLoader } from '@/components/call/call-screen-loader';
import { speechAvailability } from '@/lib/voice/speech';
import { transcriptionProvider } from '@/lib/voice/transcription';
import { requireUser } from '@/lib/auth/session';
import { findCall } from '@/lib/calls/calls';
import { companionBySlugOrId } from '@/lib/companions/service';
import { isHearthError } from '@/lib/errors';
import { LANGUAGES, type Language } from '@/lib/languages';
import { uuid } from '@/lib/validation/ids';

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: 'Call' };

export default async function CallPage({ params }: Props) {
  await connection();
  const user = await requireUser();
  const { id } = await params;
  if (!uuid.safeParse(id).success) notFound();
  const call = await findCall(user, id).catch((error: unknown) => {
    if (isHearthError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  const companion = await companionBySlugOrId(user, call.companionId);
  if (!companion) notFound();

  if (call.status === 'ended') {
    return (
      <main className="grid min-h-dvh place-items-center bg-stone-950 px-6 text-center text-stone-100">
        <div className="flex flex-col items-center gap-4">
          <h1 className="text-2xl font-semibold">This call with {companion.name} has ended</h1>
          <p className="text-stone-400">
            {call.endReason === 'expired' ? 'Calls last an hour.' : 'It was hung up.'} What you said is in the
            conversation.
          </p>
          <div className="flex flex-wrap justify-center gap-3">
            <Link
              href={`/chat/${call.conversationId}`}
              className="rounded-full bg-white px-5 py-2.5 text-sm font-medium text-stone-900 hover:bg-stone-200"
            >
              See the transcript
            </Link>
            <Link
              href={`/companions/${companionLinkRef(companion)}`}
              className="rounded-full px-5 py-2.5 text-sm ring-1 ring-white/20 hover:bg-white/10"
            >
              Back to {companion.name}
            </Link>
          </div>
        </div>
      </main>
    );
  }

  const voices = speechAvailability();
  return (
    <CallScreenLoader
      call={{
        id: call.id,
        conversationId: call.conversationId,
        language: call.language,
        createdAt: call.createdAt.toISOString(),
        expiresAt: call.expiresAt.toISOString(),
      }}
      companion={{
        name: companion.name,
        ref: companionLinkRef(companion),
        avatarUrl: companion.avatarUrl,
        accentColor: companion.accentColor,
      }}
      canTranscribe={transcriptionProvider(process.env) !== null}
      serverVoices={Object.fromEntries(LANGUAGES.map((l) => [l, voices[l].tts !== null])) as Record<Language, boolean>}
      setupHint={user.role === 'admin'}
    />
  );
}
