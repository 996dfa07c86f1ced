import type { SessionSummary } from '@/lib/auth/sessions';
import { longDate, timeAgo } from '@/lib/format';
import { EndSessionButton, SignOutEverywhereButton } from './session-buttons';

const HOUR = 60 * 60 * 1000;

/**
 * Where the person is signed in: each session with its browser, address (when known), when it
 * began and when it was last active (to the hour), this one marked; "Sign out" on any other, and
 * "Sign out everywhere". The security page renders it with listSessions(user, user.sessionId).
 */
export function SessionsSection({ sessions, now = new Date() }: { sessions: SessionSummary[]; now?: Date }) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-heading" className="rounded-2xl border border-line bg-raised p-5 sm:p-6">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Where you’re signed in
      </h2>
      <p className="mt-1 text-sm text-ink-soft">
        Don’t recognise one, or signed in on a shared computer? Sign it out. Changing your password signs out everywhere
        else too.
      </p>
      {sessions.length === 0 ? (
        <p className="mt-4 text-sm text-ink-faint">
          No sessions are recorded for this account yet: this one began before Hearth kept a list.
        </p>
      ) : (
        <ul aria-label="Sessions" className="mt-4 divide-y divide-line overflow-hidden rounded-xl border border-line">
          {sessions.map((session) => (
            <li key={session.id} className="flex items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="truncate">{session.userAgent ?? 'Unknown browser'}</span>
                  {session.current && (
                    <span className="rounded-full bg-ember-100 px-2 py-0.5 text-xs font-medium text-ember-800 dark:bg-ember-950 dark:text-ember-200">
                      This browser
                    </span>
                  )}
                </p>
                <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-ink-faint">
                  <span>
                    Signed in <time dateTime={session.createdAt.toISOString()}>{longDate(session.createdAt)}</time>
                  </span>
                  <span>
                    {now.getTime() - session.lastSeenAt.getTime() < HOUR ? (
                      'Active in the last hour'
                    ) : (
                      <>
                        Active{' '}
                        <time dateTime={session.lastSeenAt.toISOString()}>{timeAgo(session.lastSeenAt, now)}</time>
                      </>
                    )}
                  </span>
                  {session.address && <span className="font-mono">{session.address}</span>}
                </p>
              </div>
              {!session.current && <EndSessionButton id={session.id} label={session.userAgent ?? 'Unknown browser'} />}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4">
        <SignOutEverywhereButton others={others} />
      </div>
    </section>
  );
}
