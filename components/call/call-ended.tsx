import Link from 'next/link';

type Props = { reason: string; conversationId: string; companion: { name: string; ref: string } };

/** Why the call ended, and where to go next: its transcript in the chat, or back to the companion. */
export function CallEnded({ reason, conversationId, companion }: Props) {
  return (
    <section className="flex flex-col items-center gap-4 py-6 text-center" aria-labelledby="call-ended">
      <h2 id="call-ended" className="text-lg font-semibold">
        Call ended
      </h2>
      <p className="text-sm text-stone-300">{reason}</p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link
          href={`/chat/${conversationId}`}
          className="rounded-full bg-white px-5 py-2.5 text-sm font-medium text-stone-900 hover:bg-stone-200"
        >
          See the transcript
        </Link>
        <Link
          href={`/companions/${companion.ref}`}
          className="rounded-full px-5 py-2.5 text-sm text-stone-200 ring-1 ring-white/20 hover:bg-white/10"
        >
          Back to {companion.name}
        </Link>
      </div>
    </section>
  );
}
