'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChatUIMessage } from '@/lib/chat/ui-messages';
import type { Language } from '@/lib/languages';
import { ChatHeader } from './chat-header';
import { Composer } from './composer';
import { MessageList } from './message-list';
import { randomId } from './random-id';

export type ChatCompanion = { slug: string; name: string; avatarUrl: string; accentColor: string; tagline: string };
type Props = {
  conversation: { id: string; title: string; model: string; language: Language };
  companion: ChatCompanion;
  initialMessages: ChatUIMessage[];
  offline: boolean;
};

function textOf(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export function ChatView({ conversation, companion, initialMessages, offline }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: '/api/chat',
        // The server keeps the history; the request says only what is new.
        prepareSendMessagesRequest: ({ messages, trigger, messageId }) => {
          const last = messages.at(-1);
          if (trigger === 'regenerate-message') return { body: { action: 'regenerate', conversationId: conversation.id } };
          const text = last ? textOf(last) : '';
          if (messageId) return { body: { action: 'edit', conversationId: conversation.id, text } };
          return { body: { action: 'send', conversationId: conversation.id, messageId: last?.id, text } };
        },
      }),
    [conversation.id],
  );

  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatUIMessage>({
    id: conversation.id,
    messages: initialMessages,
    transport,
    generateId: randomId,
    // The sidebar's order and titles change with each message.
    onFinish: () => router.refresh(),
  });

  const busy = status === 'submitted' || status === 'streaming';

  // The server's copy is the truth: take it whenever the page data is refreshed and we are idle.
  useEffect(() => {
    if (!busy) setMessages(initialMessages);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server sends new data
  }, [initialMessages]);

  const stopReply = useCallback(() => {
    stop();
    void fetch('/api/chat/stop', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: conversation.id }),
    });
  }, [stop, conversation.id]);

  // A reply still being written when the page loaded (another tab, or a reload mid-stream)
  // finishes on the server: look again until it is done.
  const pendingFromServer = !busy && messages.at(-1)?.metadata?.status === 'streaming';
  useEffect(() => {
    if (!pendingFromServer) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [pendingFromServer, router]);

  const lastUserIndex = messages.findLastIndex((m) => m.role === 'user');
  const lastUser = lastUserIndex >= 0 ? messages[lastUserIndex] : undefined;

  return (
    <div className="flex min-h-0 flex-1 flex-col" style={{ ['--accent' as string]: companion.accentColor }}>
      <ChatHeader companion={companion} model={conversation.model} offline={offline} />
      <MessageList
        messages={messages}
        companion={companion}
        status={status}
        pendingFromServer={pendingFromServer}
        lastUserId={lastUser?.id}
        canRegenerate={!busy && lastUserIndex >= 0 && messages.at(-1)?.role === 'assistant'}
        onRegenerate={() => void regenerate()}
        onEdit={() => setEditing(true)}
        error={error ? { message: friendlyError(error), onRetry: () => (clearError(), void regenerate()) } : null}
      />
      <Composer
        key={editing ? 'edit' : 'send'}
        companionName={companion.name}
        busy={busy}
        initialText={editing && lastUser ? textOf(lastUser) : ''}
        mode={editing ? 'edit' : 'send'}
        onCancelEdit={() => setEditing(false)}
        onStop={stopReply}
        onSubmit={(text) => {
          clearError();
          if (editing && lastUser) {
            setEditing(false);
            void sendMessage({ text, messageId: lastUser.id });
          } else {
            void sendMessage({ text });
          }
        }}
      />
    </div>
  );
}

/** The route answers errors as JSON `{ error: { message } }`; the SDK hands us the raw body. */
function friendlyError(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: a stream error, whose message is already meant for people
  }
  return error.message || 'Something went wrong.';
}
