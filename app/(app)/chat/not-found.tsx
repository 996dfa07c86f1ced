import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';

export default function ConversationNotFound() {
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-5xl" aria-hidden="true">
        🕯️
      </p>
      <h1 className="text-2xl font-semibold">This conversation isn’t here</h1>
      <p className="max-w-sm text-ink-soft">It may have been deleted, or it belongs to someone else.</p>
      <Link href="/" className={buttonStyles.primary}>
        Back to companions
      </Link>
    </main>
  );
}
