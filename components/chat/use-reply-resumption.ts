'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveRequests } from './live-requests';
import type { ChatFinish, ChatStream } from './use-chat-stream';
import { withNewestPage } from '@/lib/conversations/message-window';
import { loadNewestMessages } from './load-messages';

type Chat = Pick<ChatStream, 'status' | 'resumeStream' | 'setMessages' | 'clearError'>;
type Finish = ChatFinish;

type Options = Chat & {
  conversationId: string;
  /** The page was rendered while a reply was still being written. */
  replyWasStreaming: boolean;
  requests: LiveRequests;
};

// Waits before reconnecting after a drop while online: doubling from the first, up to the last.
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 10_000;

/**
 * Keeps the page on the reply being written on the server. A page loaded mid-reply reconnects to
 * it (the reply replayed from its start, then live); a connection lost mid-reply (the browser went
 * offline, or the request died) reconnects once the network is back. After a reconnect the
 * conversation is read again from the database, which has the final word on every reply.
 */
export function useReplyResumption({
  conversationId,
  replyWasStreaming,
  requests,
  status,
  resumeStream,
  setMessages,
  clearError,
}: Options) {
  const online = useSyncExternalStore(
    subscribeToNetwork,
    () => navigator.onLine,
    () => true,
  );
  // Reconnecting right now; a page loaded mid-reply starts out doing so.
  const [resuming, setResuming] = useState(replyWasStreaming);
  // The connection to a reply in progress was lost; it goes on on the server.
  const [dropped, setDropped] = useState(false);
  const attempts = useRef(0);
  const lastFinish = useRef<Finish | null>(null);
  const latestStatus = useRef(status);
  useLayoutEffect(() => {
    latestStatus.current = status;
  }, [status]);

  /**
   * The saved newest page replaces the end of what is shown (older pages loaded by scrolling up
   * stay), unless something shown is not saved (a message that never left).
   */
  const refreshFromDatabase = useCallback(async () => {
    const saved = await loadNewestMessages(conversationId);
    if (!saved || (latestStatus.current !== 'ready' && latestStatus.current !== 'error')) return;
    setMessages((shown) => withNewestPage(shown, saved.messages) ?? shown);
  }, [conversationId, setMessages]);

  /** Reconnects to the reply (with `resuming` already set), then reads the saved conversation. */
  const resume = useCallback(async () => {
    lastFinish.current = null;
    try {
      await resumeStream();
    } finally {
      setResuming(false);
    }
    // Stopped by the person (Stop saves it), or dropped again (the next attempt follows).
    const finish = lastFinish.current as Finish | null;
    if (finish?.isAbort || finish?.isDisconnect) return;
    attempts.current = 0;
    await refreshFromDatabase();
  }, [resumeStream, refreshFromDatabase]);

  useEffect(() => {
    if (replyWasStreaming) void resume();
  }, [replyWasStreaming, resume]);

  // Going offline ends the open requests now rather than whenever the dead connection times out.
  useEffect(() => {
    const goneOffline = () => requests.dropAll();
    window.addEventListener('offline', goneOffline);
    return () => window.removeEventListener('offline', goneOffline);
  }, [requests]);

  useEffect(() => {
    if (!dropped || !online) return;
    const timer = setTimeout(
      () => {
        attempts.current += 1;
        setDropped(false);
        setResuming(true);
        void resume();
      },
      Math.min(FIRST_RETRY_MS * 2 ** attempts.current, LAST_RETRY_MS),
    );
    return () => clearTimeout(timer);
  }, [dropped, online, resume]);

  return {
    online,
    /** Reconnecting to the reply, or waiting for the network to do so. */
    reconnecting: dropped || resuming,
    dropped,
    /** For useChat's onFinish: a reply that had started and lost its connection is reconnected to. */
    onFinish: useCallback((finish: Finish) => {
      lastFinish.current = finish;
      const started = finish.messages.some((m) => m.id === finish.message.id && m.role === 'assistant');
      if (finish.isDisconnect && started) setDropped(true);
    }, []),
    /** After Stop reached the server: a reply that was cut off from the page shows as it was saved. */
    onStopped: useCallback(() => {
      if (!dropped) return;
      setDropped(false);
      clearError();
      void refreshFromDatabase();
    }, [dropped, clearError, refreshFromDatabase]),
  };
}

function subscribeToNetwork(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}
