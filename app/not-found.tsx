import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-5xl" aria-hidden="true">
        🕯️
      </p>
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="max-w-sm text-ink-soft">This page does not exist, or it isn’t yours to see.</p>
      <Link href="/" className={buttonStyles.primary}>
        Back to companions
      </Link>
    </main>
  );
}
