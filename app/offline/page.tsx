import { buttonStyles } from '@/components/ui/button';
import { Logo } from '@/components/ui/logo';

export const metadata = { title: 'Offline' };

/**
 * What the service worker (public/sw.js) shows when a page cannot be reached. It is cached once
 * and shown at whatever address failed, so it works without JavaScript and without the network:
 * "Try again" is a link to the current address (an empty href), which reloads it.
 */
export default function OfflinePage() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-5 p-8 text-center">
      <Logo className="text-xl" />
      <div className="max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">You’re offline</h1>
        <p className="mt-2 text-ink-soft">
          Hearth can’t reach your companions without a connection. Your conversations are safe; check your connection
          and try again.
        </p>
      </div>
      <a href="" className={buttonStyles.primary}>
        Try again
      </a>
    </main>
  );
}
