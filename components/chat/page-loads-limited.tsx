import { buttonStyles } from '@/components/ui/button';

/** The chat page was loaded too often in a short time: say so kindly, and when to try again. */
export function PageLoadsLimited({ retryAfterSeconds, href }: { retryAfterSeconds: number; href: string }) {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}`;
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-5xl" aria-hidden="true">
        🕯️
      </p>
      <h1 className="text-2xl font-semibold">Let’s take a breath</h1>
      <p role="alert" className="max-w-sm text-ink-soft">
        There were a lot of requests from your account in a short while, so we’re pausing for a moment. Try again in{' '}
        {wait}.
      </p>
      {/* A plain link: a full reload, once the wait is over. */}
      <a href={href} className={buttonStyles.primary}>
        Try again
      </a>
    </main>
  );
}
