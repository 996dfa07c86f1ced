import Link from 'next/link';
import { Markdown } from '@/components/chat/markdown';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { Logo } from '@/components/ui/logo';
import { longDate } from '@/lib/format';
import type { SharedSnapshot } from '@/lib/sharing/queries';

/** The frame of a shared link's page: the brand at the top, the column below. */
export function SharedFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-line px-4 py-3 sm:px-6">
        <Link href="/" className="inline-flex rounded-lg" aria-label="Hearth">
          <Logo />
        </Link>
      </header>
      {children}
    </div>
  );
}

/**
 * A shared conversation, read-only: the companion's public face, the title, and the copy of the
 * messages (the person's as "You" unless they chose to show their name). Rendered on the server
 * with no script of its own: the replies' Markdown too.
 */
export function SharedConversation({ snapshot }: { snapshot: SharedSnapshot }) {
  const { companion } = snapshot;
  const person = snapshot.authorName ?? 'You';
  return (
    <SharedFrame>
      <main className="mx-auto w-full max-w-[720px] flex-1 px-4 py-8 sm:py-12">
        <div
          className="flex items-center gap-4 rounded-3xl p-4 ring-1 ring-line"
          style={{ background: `linear-gradient(90deg, ${companion.accentColor}1f, transparent 70%)` }}
        >
          <Avatar src={companion.avatarUrl} name={companion.name} size={64} accent={companion.accentColor} />
          <div className="min-w-0">
            <p className="text-lg font-semibold">{companion.name}</p>
            <p className="text-sm text-ink-soft">{companion.tagline}</p>
          </div>
        </div>
        <h1 className="mt-8 text-2xl font-semibold tracking-tight wrap-anywhere sm:text-3xl">{snapshot.title}</h1>
        <p className="mt-2 text-sm text-ink-soft">
          Shared on{' '}
          <time dateTime={new Date(snapshot.createdAt).toISOString()}>{longDate(new Date(snapshot.createdAt))}</time>. A
          copy of the conversation at that moment: it doesn’t change as the conversation goes on.
        </p>
        {snapshot.omitted > 0 && (
          <p className="mt-6 rounded-2xl bg-sunken px-4 py-3 text-sm text-ink-soft">
            {snapshot.omitted} earlier message{snapshot.omitted === 1 ? ' is' : 's are'} not shown.
          </p>
        )}
        <ol aria-label="Messages" className="mt-8 space-y-5">
          {snapshot.messages.map((message, index) =>
            message.role === 'user' ? (
              <li key={index} className="flex flex-col items-end gap-1" data-role="user">
                <span className="px-1 text-xs font-medium text-ink-faint">{person}</span>
                <div className="max-w-[85%] rounded-3xl rounded-br-lg bg-stone-900 px-4 py-2.5 whitespace-pre-wrap wrap-anywhere text-white dark:bg-stone-700">
                  {message.text}
                </div>
              </li>
            ) : (
              <li key={index} className="flex gap-3" data-role="assistant">
                <Avatar src={companion.avatarUrl} name={companion.name} decorative size={32} className="mt-5" />
                <div className="min-w-0 max-w-[85%] flex-1">
                  <span className="px-1 text-xs font-medium text-ink-faint">{companion.name}</span>
                  <div
                    className="mt-1 inline-block max-w-full rounded-3xl rounded-tl-lg border-l-[3px] bg-raised px-4 py-2.5 shadow-sm ring-1 ring-line wrap-anywhere"
                    style={{ borderLeftColor: companion.accentColor }}
                  >
                    <Markdown text={message.text} />
                  </div>
                </div>
              </li>
            ),
          )}
        </ol>
        <div className="mt-12 flex flex-col items-center gap-3 border-t border-line pt-8 text-center">
          <p className="text-ink-soft">{companion.name} is one of the companions on Hearth.</p>
          <Link href={`/companions/${companion.slug}`} className={buttonStyles.accent}>
            Talk with {companion.name}
          </Link>
        </div>
      </main>
    </SharedFrame>
  );
}

/** What a link that was turned off (or never existed) shows, with a 404. */
export function LinkTurnedOff() {
  return (
    <SharedFrame>
      <main className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
        <p className="text-5xl" aria-hidden="true">
          🕯️
        </p>
        <h1 className="text-2xl font-semibold">This link was turned off</h1>
        <p className="max-w-sm text-ink-soft">
          The person who shared this conversation has stopped sharing it, or the link isn’t complete. Ask them for a new
          link if you’d like to read it.
        </p>
        <Link href="/" className={buttonStyles.primary}>
          Go to Hearth
        </Link>
      </main>
    </SharedFrame>
  );
}
