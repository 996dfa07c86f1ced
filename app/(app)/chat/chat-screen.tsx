import { companionLinkRef } from '@/lib/companions/links';
import { ChatView } from '@/components/chat/chat-view';
import { listModels } from '@/lib/ai/registry';
import { requireUser } from '@/lib/auth/session';
import { modelsFor, routingNotice } from '@/lib/ai/routing';
import type { Companion } from '@/lib/companions/queries';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import type { Language } from '@/lib/languages';

type Props = {
  conversation: { id: string; title: string; model: string; language: Language };
  companion: Companion;
  messages: ChatUIMessage[];
  olderCursor: string | null;
  draft?: { key: string; companion: string; language: Language; model?: string };
};

/** The chat screen for a conversation or a draft of one: what the browser needs of the companion and its models. */
export async function ChatScreen({ conversation, companion, messages, olderCursor, draft }: Props) {
  return (
    <ChatView
      key={conversation.id}
      conversation={conversation}
      draft={draft}
      companion={{
        ref: companionLinkRef(companion),
        name: companion.name,
        avatarUrl: companion.avatarUrl,
        accentColor: companion.accentColor,
        tagline: companion.tagline,
      }}
      initialMessages={messages}
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
