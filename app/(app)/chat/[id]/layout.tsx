import { connection } from 'next/server';
import { PageLoadsLimited } from '@/components/chat/page-loads-limited';
import { loadConversation } from './load';

// Decides not-found before the loading skeleton streams, so a stranger gets a real 404 status.
export default async function ConversationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  await connection();
  const { id } = await params;
  const loaded = await loadConversation(id);
  if (loaded.limited) return <PageLoadsLimited retryAfterSeconds={loaded.retryAfterSeconds} href={`/chat/${id}`} />;
  return children;
}
