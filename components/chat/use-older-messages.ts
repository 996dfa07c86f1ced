'use client';

import { useCallback, useRef, useState } from 'react';
import { chatPageAction } from '@/app/(app)/chat/actions';
import { prependOlder } from '@/lib/conversations/message-window';
import type { ChatStream } from './use-chat-stream';

export type OlderMessages = {
  /** There are messages before the first one shown. */
  hasOlder: boolean;
  state: 'idle' | 'loading' | 'error';
  error: string | null;
  /** Loads the page before the first message shown and puts it in front (once at a time). */
  loadOlder: () => void;
  /** The window was replaced by the newest page: older messages start again before it. */
  restart: (cursor: string | null) => void;
};

const UNREACHABLE = 'The earlier messages could not be loaded. Check your connection, then try again.';

/** The older pages of a conversation the chat page loads as the person scrolls up. */
export function useOlderMessages(
  conversationId: string,
  initialCursor: string | null,
  setMessages: ChatStream['setMessages'],
): OlderMessages {
  const [cursor, setCursor] = useState(initialCursor);
  const [state, setState] = useState<OlderMessages['state']>('idle');
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  const loadOlder = useCallback(() => {
    if (!cursor || inFlight.current) return;
    inFlight.current = true;
    setState('loading');
    setError(null);
    void chatPageAction(conversationId, cursor)
      .catch(() => ({ ok: false as const, error: UNREACHABLE }))
      .then((result) => {
        inFlight.current = false;
        if (!result.ok) {
          setState('error');
          setError(result.error);
          return;
        }
        setMessages((shown) => prependOlder(shown, result.messages));
        setCursor(result.olderCursor);
        setState('idle');
      });
  }, [conversationId, cursor, setMessages]);

  const restart = useCallback((next: string | null) => setCursor(next), []);
  return { hasOlder: cursor !== null, state, error, loadOlder, restart };
}
