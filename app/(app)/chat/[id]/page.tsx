import { connection } from 'next/server';
import { ChatView } from '@/components/chat/chat-view';
import { listModels } from '@/lib/ai/registry';
import { modelsFor, routingNotice } from '@/lib/ai/routing';
import { toUIMessage } from '@/lib/chat/ui-messages';
import { loadConversation } from './load';

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: 'Chat' };

export default async function ChatPage({ params }: Props) {
  await connection();
  const { conversation, companion, messages } = await loadConversation((await params).id);

  return (
    <ChatView
      key={conversation.id}
      conversation={{ id: conversation.id, title: conversation.title, model: conversation.model, language: conversation.language }}
      companion={{
        slug: companion.slug,
        name: companion.name,
        avatarUrl: companion.avatarUrl,
        accentColor: companion.accentColor,
        tagline: companion.tagline,
      }}
      initialMessages={messages.map(toUIMessage)}
      notice={routingNotice(conversation.model, companion)}
      models={modelsFor(companion, await listModels()).map(({ id, name, available, unavailableReason, capabilities }) => ({ id, name, available, unavailableReason, vision: capabilities.vision }))}
    />
  );
}
