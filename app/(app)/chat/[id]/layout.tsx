import { connection } from 'next/server';
import { loadConversation } from './load';

// Decides not-found before the loading skeleton streams, so a stranger gets a real 404 status.
export default async function ConversationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await connection();
  await loadConversation((await params).id);
  return children;
}
