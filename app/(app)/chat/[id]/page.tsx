import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ChatView } from '@/components/chat/chat-view';
import { isOfflineModel } from '@/lib/ai/registry';
import { requireUser } from '@/lib/auth/session';
import { openConversation } from '@/lib/chat/conversations';
import { toUIMessage } from '@/lib/chat/ui-messages';
import { uuid } from '@/lib/validation/chat';

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: 'Chat' };

export default async function ChatPage({ params }: Props) {
  await connection();
  const { id } = await params;
  const user = await requireUser();
  // Someone else's conversation is invisible under RLS, so it is simply not found.
  const open = uuid.safeParse(id).success ? await openConversation(user, id) : null;
  if (!open) notFound();
  const { conversation, companion, messages } = open;

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
      offline={isOfflineModel(conversation.model)}
    />
  );
}
