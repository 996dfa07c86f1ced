import { connection } from 'next/server';
import { PageLoadsLimited } from '@/components/chat/page-loads-limited';
import { toUIMessage } from '@/lib/conversations/ui-messages';
import { ChatScreen } from '../chat-screen';
import { loadConversation } from './load';

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: 'Chat' };

export default async function ChatPage({ params }: Props) {
  await connection();
  const { id } = await params;
  const loaded = await loadConversation(id);
  if (loaded.limited) return <PageLoadsLimited retryAfterSeconds={loaded.retryAfterSeconds} href={`/chat/${id}`} />;
  const { conversation, companion, messages, olderCursor } = loaded;

  return (
    <ChatScreen
      conversation={{
        id: conversation.id,
        title: conversation.title,
        model: conversation.model,
        language: conversation.language,
      }}
      companion={companion}
      messages={messages.map(toUIMessage)}
      olderCursor={olderCursor}
    />
  );
}
