'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { changeModelAction } from '@/app/(app)/actions';
import { useSidebar } from '@/components/sidebar/store';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import type { Language } from '@/lib/languages';
import { textOf } from '@/lib/text';
import { ChatHeader } from './chat-header';
import { Composer, type VisionSupport } from './composer';
import { liveRequests } from './live-requests';
import { loadNewestMessages } from './load-messages';
import { MessageList } from './message-list';
import type { PickableModel } from './model-picker';
import { randomId } from './random-id';
import { offersAccount, RateLimitedError, rateLimitAware, rateLimitNotice } from './rate-limit';
import type { ChatCompanion } from './types';
import { useChatStream, type ChatTrigger } from './use-chat-stream';
import { useOlderMessages } from './use-older-messages';
import { useReplyResumption } from './use-reply-resumption';
import { editNote, useVersions } from './use-versions';

type Props = {
  conversation: { id: string; title: string; model: string; language: Language };
  companion: ChatCompanion;
  /** The newest page of the conversation; older pages load as the person scrolls up. */
  initialMessages: ChatUIMessage[];
  /** Where the messages before initialMessages start (null: there are none). */
  olderCursor: string | null;
  models: PickableModel[];
  /** Who answers, when it is not a configured model (the offline demo, or nobody for a mature companion). */
  notice: string | null;
  /** Not written yet (lib/conversations/draft.ts): the first message starts the conversation with this. */
  draft?: { key: string; companion: string; language: Language; model?: string };
  /** A guest is offered an account when a limit stops them. */
  isGuest?: boolean;
};

export function ChatView({
  conversation,
  companion,
  initialMessages,
  olderCursor,
  models,
  notice,
  draft,
  isGuest = false,
}: Props) {
  const router = useRouter();
  const refreshList = useSidebar((s) => s.refreshList);
  const setChat = useSidebar((s) => s.setChat);
  useEffect(() => {
    setChat({ companion: companion.ref, language: conversation.language });
    return () => setChat(null);
  }, [setChat, companion.ref, conversation.language]);
  // Sent with every turn of a chat that began as a draft; the server ignores it once the conversation exists.
  const start = useMemo(
    () => draft && { draft: draft.key, companion: draft.companion, language: draft.language, model: draft.model },
    [draft],
  );
  // The message being edited in the composer: one of the person's (answered again) or a reply.
  const [editing, setEditing] = useState<ChatUIMessage | null>(null);
  const requests = useMemo(() => liveRequests(), []);

  const fetchTurn = useMemo(() => rateLimitAware(requests.fetch), [requests]);
  // The server keeps the history; the request says only what is new.
  const requestBody = ({
    trigger,
    messages,
    messageId,
    body,
  }: {
    trigger: ChatTrigger;
    messages: ChatUIMessage[];
    messageId?: string;
    body?: Record<string, unknown>;
  }) => {
    const last = messages.at(-1);
    const text = last ? textOf(last) : '';
    if (trigger === 'regenerate-message') {
      const model = typeof body?.model === 'string' ? body.model : undefined;
      return {
        action: 'regenerate',
        conversationId: conversation.id,
        messageId: last?.id,
        text: text || undefined,
        model,
        start,
      };
    }
    if (messageId) return { action: 'edit', conversationId: conversation.id, messageId, text };
    const attachments = Array.isArray(body?.attachments) ? (body.attachments as string[]) : undefined;
    return {
      action: 'send',
      conversationId: conversation.id,
      messageId: last?.id,
      text: text || undefined,
      attachments,
      start,
    };
  };

  // A refused request (429) changed nothing on the server: the list goes back to what it was
  // before the request, and a new message's text back into the composer, with when to send again.
  const beforeRequest = useRef<{ messages: ChatUIMessage[]; text: string } | null>(null);
  const [limited, setLimited] = useState<{ notice: string; retryAt: number; offerAccount: boolean } | null>(null);
  const [restored, setRestored] = useState({ text: '', times: 0 });

  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError, resumeStream } =
    useChatStream({
      api: '/api/chat',
      chatId: conversation.id,
      initialMessages,
      fetch: fetchTurn,
      requestBody,
      generateId: randomId,
      onError: (failure) => {
        if (!(failure instanceof RateLimitedError)) return;
        const before = beforeRequest.current;
        if (before) {
          setMessages(before.messages);
          if (before.text) setRestored((r) => ({ text: before.text, times: r.times + 1 }));
        }
        setLimited({
          notice: rateLimitNotice(failure),
          retryAt: failure.retryAt.getTime(),
          offerAccount: offersAccount(failure, isGuest),
        });
      },
      onFinish: (finish) => {
        resumption.onFinish(finish);
        if (finish.isDisconnect) return;
        if (finish.isAbort) markLastReply('aborted');
        versions.replyFinished();
        // The sidebar's order and titles change with each message. A chat begun as a draft is still
        // the draft's page to the router: refreshing it would render it again as /chat/{id}.
        if (draft) refreshList();
        else router.refresh();
      },
    });
  const older = useOlderMessages(conversation.id, olderCursor, setMessages);
  const restartOlder = older.restart;
  const resumption = useReplyResumption({
    conversationId: conversation.id,
    replyWasStreaming: initialMessages.at(-1)?.metadata?.status === 'streaming',
    requests,
    status,
    resumeStream,
    setMessages,
    clearError,
  });

  function markLastReply(replyStatus: 'aborted') {
    setMessages((current) =>
      current.map((m, i) =>
        i === current.length - 1 && m.role === 'assistant'
          ? { ...m, metadata: { ...m.metadata, status: replyStatus } }
          : m,
      ),
    );
  }

  // Ready to type on arrival with a mouse and keyboard (review D24); not on a touch screen, where
  // focusing the box would throw up the keyboard over the conversation.
  useEffect(() => {
    const typing = document.activeElement?.matches('input, textarea, select, [contenteditable="true"]');
    if (window.matchMedia('(hover: hover) and (pointer: fine)').matches && !typing) {
      document.getElementById('composer')?.focus({ preventScroll: true });
    }
  }, [conversation.id]);

  const busy = status === 'submitted' || status === 'streaming' || resumption.reconnecting;

  // The notice goes once sending works again.
  useEffect(() => {
    if (!limited) return;
    const timer = setTimeout(() => setLimited(null), Math.max(0, limited.retryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [limited]);

  /** Before each request: what to go back to if it is refused, and the end of an earlier notice. */
  const beginRequest = (text = '') => {
    beforeRequest.current = { messages, text };
    setRestored((r) => ({ text: '', times: r.times }));
    setLimited(null);
    clearError();
  };

  const versions = useVersions({
    conversationId: conversation.id,
    messages,
    setMessages,
    restartOlder,
    beforeChange: beginRequest,
    afterChange: () => router.refresh(),
  });
  const showVersionsPage = versions.showPage;

  const stopReply = () => {
    stop();
    void fetch('/api/chat/stop', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: conversation.id }),
    }).then(resumption.onStopped, () => {});
  };

  // A reply being written that the page cannot follow (written by another server process without
  // Redis, or too long to replay) finishes on the server: look again until it is done.
  const pendingFromServer = !busy && messages.at(-1)?.metadata?.status === 'streaming';
  useEffect(() => {
    if (!pendingFromServer) return;
    const timer = setInterval(async () => {
      const fresh = await loadNewestMessages(conversation.id);
      if (fresh) showVersionsPage(fresh);
    }, 1500);
    return () => clearInterval(timer);
  }, [pendingFromServer, conversation.id, showVersionsPage]);

  // A reply names the message it answers once that is stored: a draft's conversation exists from
  // then on. Its address becomes the chat's own, without leaving the page (Next.js keeps
  // usePathname in step with history.replaceState), and the sidebar shows it. (A page read back has saved messages.)
  const written =
    !draft || messages.some((m) => m.metadata?.userMessageId || (m.role === 'user' && m.metadata?.createdAt));
  const addressed = useRef(false);
  useEffect(() => {
    if (!written || !draft || addressed.current) return;
    addressed.current = true;
    window.history.replaceState(null, '', `/chat/${conversation.id}`);
    refreshList();
  }, [written, draft, conversation.id, refreshList]);
  // Back on a history entry that began as this draft: the conversation exists, so show it whole.
  useEffect(() => {
    if (draft && window.location.pathname === `/chat/${conversation.id}`) router.refresh();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const vision = visionSupport(conversation.model, models);
  const [switchError, setSwitchError] = useState<string | null>(null);
  // A draft's model is part of its address until the first message writes it.
  const changeModel = async (id: string) => {
    if (written) return changeModelAction(conversation.id, id);
    const address = new URL(window.location.href);
    address.searchParams.set('model', id);
    router.replace(`${address.pathname}${address.search}`);
    return { ok: true as const };
  };
  const switchModel = async (id: string) => {
    const result = await changeModel(id);
    setSwitchError(result.ok ? null : result.error);
    if (result.ok) router.refresh();
  };

  return (
    <main
      className="flex min-h-0 flex-1 flex-col"
      style={{ ['--accent' as string]: companion.accentColor }}
      data-conversation={conversation.id}
    >
      <ChatHeader
        conversationId={conversation.id}
        companion={companion}
        model={conversation.model}
        models={models}
        language={conversation.language}
        changeModel={changeModel}
        draft={!written}
      />
      {notice && (
        <p
          role="note"
          className="border-b border-ember-200/60 bg-ember-50 px-4 py-1.5 text-center text-xs text-ember-900 dark:border-ember-900/40 dark:bg-ember-950/30 dark:text-ember-100"
        >
          {notice}
        </p>
      )}
      <MessageList
        messages={messages}
        older={older}
        companion={companion}
        language={conversation.language}
        status={status}
        replyInProgress={resumption.reconnecting || pendingFromServer}
        replyNote={replyNote(companion.name, {
          dropped: resumption.dropped,
          online: resumption.online,
          pendingFromServer,
        })}
        canChange={!busy && written}
        canRegenerate={!busy && messages.some((m) => m.role === 'user') && messages.at(-1)?.role === 'assistant'}
        models={models}
        onRegenerate={(model) => {
          beginRequest();
          versions.expectVersions();
          void regenerate(model ? { body: { model } } : undefined);
        }}
        onEdit={setEditing}
        onChooseVersion={versions.choose}
        error={
          error && !resumption.dropped && !(error instanceof RateLimitedError)
            ? { message: friendlyError(error), onRetry: () => (beginRequest(), void regenerate()) }
            : null
        }
      />
      <Composer
        key={editing ? `edit-${editing.id}` : `send-${restored.times}`}
        companionName={companion.name}
        busy={busy}
        initialText={editing ? textOf(editing) : restored.text}
        editing={editing && editNote(editing, companion.name)}
        notice={limited?.notice ?? null}
        accountHref={
          limited?.offerAccount ? `/signup?callbackUrl=${encodeURIComponent(`/chat/${conversation.id}`)}` : null
        }
        vision={vision}
        onSwitchModel={(id) => void switchModel(id)}
        onCancelEdit={() => setEditing(null)}
        onStop={stopReply}
        onSubmit={(text, attachments) => {
          if (editing?.role === 'assistant') {
            setEditing(null);
            versions.editReply(editing.id, text);
            return;
          }
          beginRequest(editing || attachments.length ? '' : text);
          if (editing) {
            setEditing(null);
            versions.expectVersions();
            void sendMessage({ text, messageId: editing.id });
          } else if (attachments.length) {
            // Shown at once with the files; what the server stores is the same (a voice note's text is its transcript).
            const shown =
              text ||
              attachments
                .map((a) => a.transcript ?? '')
                .filter(Boolean)
                .join('\n');
            const files = attachments.map((a) => ({
              type: 'file' as const,
              mediaType: a.media_type,
              url: `/api/v1/uploads/${a.id}/content`,
              ...(a.filename ? { filename: a.filename } : {}),
            }));
            void sendMessage({ text: shown, files }, { body: { attachments: attachments.map((a) => a.id) } });
          } else {
            void sendMessage({ text });
          }
        }}
      />
      {(switchError ?? versions.error) && (
        <p role="alert" className="px-4 pb-2 text-center text-xs text-red-600 dark:text-red-400">
          {switchError ?? versions.error}
        </p>
      )}
    </main>
  );
}

/** Whether the conversation's model takes images, and the first configured model that does when it does not. */
function visionSupport(model: string, models: PickableModel[]): VisionSupport {
  const current = models.find((m) => m.id === model);
  const alternative = models.find((m) => m.available && m.vision && !m.id.startsWith('offline/'));
  return {
    canSee: current?.vision ?? false,
    modelName: current?.name ?? model,
    alternative: alternative ? { id: alternative.id, name: alternative.name } : null,
  };
}

/** What the page says about a reply it is not receiving right now, if anything. */
function replyNote(
  name: string,
  { dropped, online, pendingFromServer }: { dropped: boolean; online: boolean; pendingFromServer: boolean },
): string | null {
  if (dropped && !online)
    return `You’re offline. ${name} is still writing; the rest will appear when you’re back online.`;
  if (dropped) return `Reconnecting to ${name}’s reply…`;
  if (pendingFromServer) return `${name} is still finishing this reply…`;
  return null;
}

/** The route answers errors as JSON `{ error: { message } }`; the SDK hands us the raw body. */
function friendlyError(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: a stream error, whose message is already meant for people
  }
  // fetch's own failure ("Failed to fetch", "NetworkError…", "Load failed") says nothing to people.
  if (error instanceof TypeError) return 'Couldn’t reach Hearth. Check your connection, then retry.';
  return error.message || 'Something went wrong.';
}
