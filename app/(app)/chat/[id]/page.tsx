import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ChatView } from '@/components/chat/chat-view';
import { PageLoadsLimited } from '@/components/chat/page-loads-limited';
import { listModels } from '@/lib/ai/registry';
import { requireUser } from '@/lib/auth/session';
import { modelsFor, routingNotice } from '@/lib/ai/routing';
import { toUIMessage } from '@/lib/conversations/ui-messages';
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
    <ChatView
      key={conversation.id}
      conversation={{
        id: conversation.id,
        title: conversation.title,
        model: conversation.model,
        language: conversation.language,
      }}
      companion={{
        slug: companion.slug,
        name: companion.name,
        avatarUrl: companion.avatarUrl,
        accentColor: companion.accentColor,
        tagline: companion.tagline,
      }}
      initialMessages={messages.map(toUIMessage)}
      olderCursor={olderCursor}
      notice={routingNotice(conversation.model, companion)}
      isGuest={(await requireUser()).isGuest}
      models={modelsFor(companion, await listModels()).map(
        ({ id, name, available, unavailableReason, capabilities }) => ({
          id,
          name,
          available,
          unavailableReason,
          vision: capabilities.vision,
        }),
      )}
    />
  );
}
