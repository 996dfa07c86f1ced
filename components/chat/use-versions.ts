'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { chooseVersionAction, editReplyAction, type ChatPageResult } from '@/app/(app)/chat/actions';
import { withBranchPage, withNewestPage } from '@/lib/conversations/message-window';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import { loadNewestMessages, type NewestPage } from './load-messages';

type Merge = (shown: ChatUIMessage[], page: ChatUIMessage[]) => ChatUIMessage[] | null;

/**
 * The chat's versions and branches (lib/conversations/branches.ts) as the page sees them: moving
 * to another version of a message, saving an edited reply, and reading the versions a regenerate
 * or an edit made once its reply is saved. Each change is answered with the branch's newest page,
 * merged into the window where it reaches back to what is shown.
 */
export function useVersions({
  conversationId,
  messages,
  setMessages,
  restartOlder,
  beforeChange,
  afterChange,
}: {
  conversationId: string;
  messages: ChatUIMessage[];
  setMessages: (messages: ChatUIMessage[]) => void;
  /** Older pages start again before `cursor`: the page read became the whole window. */
  restartOlder: (cursor: string | null) => void;
  beforeChange: () => void;
  afterChange: () => void;
}) {
  const shown = useRef(messages);
  useEffect(() => {
    shown.current = messages;
  }, [messages]);
  const replyMakesVersion = useRef(false);
  const [error, setError] = useState<string | null>(null);

  /** A page read from the database, merged into the window when it can be, else the whole window. */
  const showPage = useCallback(
    (page: NewestPage, merge: Merge = withNewestPage) => {
      const merged = merge(shown.current, page.messages);
      if (merged) return setMessages(merged);
      restartOlder(page.olderCursor);
      setMessages(page.messages);
    },
    [setMessages, restartOlder],
  );

  const change = async (request: () => Promise<ChatPageResult>) => {
    beforeChange();
    const result = await request().catch(() => ({ ok: false as const, error: 'Couldn’t reach Hearth. Try again.' }));
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    showPage(result, withBranchPage);
    afterChange();
  };

  return {
    error,
    showPage,
    /** A regenerate or an edit is on its way: its reply will have versions to show. */
    expectVersions: () => {
      replyMakesVersion.current = true;
    },
    /** After a reply: when it made a version, the saved page says which. */
    replyFinished: () => {
      if (!replyMakesVersion.current) return;
      replyMakesVersion.current = false;
      void loadNewestMessages(conversationId).then((fresh) => fresh && showPage(fresh));
    },
    choose: (messageId: string) => void change(() => chooseVersionAction(conversationId, messageId)),
    editReply: (messageId: string, text: string) => void change(() => editReplyAction(conversationId, messageId, text)),
  };
}

/** What the composer says while a message is being edited. */
export function editNote(message: ChatUIMessage, companionName: string): { note: string; saveLabel: string } {
  return message.role === 'assistant'
    ? {
        note: `Editing ${companionName}’s reply. The conversation goes on from your version; the original stays one arrow away.`,
        saveLabel: 'Save reply',
      }
    : {
        note: 'Editing your message. It is answered again from here; the earlier version stays one arrow away.',
        saveLabel: 'Save and resend',
      };
}
