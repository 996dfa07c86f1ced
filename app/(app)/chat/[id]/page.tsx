import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageLoadsLimited } from '@/components/chat/page-loads-limited';
import { toUIMessage } from '@/lib/conversations/ui-messages';
import { ChatScreen } from '../chat-screen';
import { loadConversation } from './load';

type Props = { params: Promise<{ id: string }> };

/** The tab says who the conversation is with and what it is about: "Lucía · Trip to Porto · Hearth". */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadConversation((await params).id);
  if (loaded.limited) return { title: 'Chat' };
  const { companion, conversation } = loaded;
  const topic = conversation.title?.trim();
  return { title: topic ? `${companion.name} · ${truncated(topic, 48)}` : companion.name };
}

function truncated(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

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
