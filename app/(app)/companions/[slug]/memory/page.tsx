import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { MemoryPanel } from '@/components/memory/memory-panel';
import { memoryJson } from '@/lib/memory/json';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { Avatar } from '@/components/ui/avatar';
import { requireUser } from '@/lib/auth/session';
import { memoryOverview } from '@/lib/memory/manage';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const overview = await memoryOverview(await requireUser(), decodeURIComponent((await params).slug));
  return { title: overview ? `What ${overview.companion.name} remembers` : 'Memory' };
}

export default async function MemoryPage({ params }: Props) {
  await connection();
  const user = await requireUser();
  const overview = await memoryOverview(user, decodeURIComponent((await params).slug));
  if (!overview) notFound();
  const { companion, settings, memories } = overview;

  return (
    <>
      <MobileHeader title={`${companion.name} remembers`} />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-2xl px-4 pb-16 pt-8 sm:px-8 sm:pt-12">
          <Link href={`/companions/${companion.slug}`} className="text-sm text-ink-faint hover:text-ink">
            ← {companion.name}
          </Link>
          <div className="mt-4 flex items-center gap-4">
            <Avatar
              src={companion.avatarUrl}
              name={companion.name}
              decorative
              size={56}
              accent={companion.accentColor}
            />
            <div>
              <h1 className="text-2xl font-semibold tracking-tight">What {companion.name} remembers about you</h1>
              <p className="mt-1 text-sm text-ink-soft">
                Things you mentioned in your chats, so {companion.name} can pick up where you left off. Only you can see
                them.
              </p>
            </div>
          </div>
          <MemoryPanel
            companion={{ id: companion.id, name: companion.name, accentColor: companion.accentColor }}
            settings={settings}
            memories={memories.map(memoryJson)}
          />
        </div>
      </main>
    </>
  );
}
