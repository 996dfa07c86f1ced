'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import { placeReply } from '@/lib/chat/stored-ids';
import { ReplyBuilder, uiMessageChunks } from '@/lib/chat/ui-stream-reader';

/** submitted: sent, nothing back yet; streaming: the reply is arriving; ready: idle; error: the last request failed. */
export type ChatStatus = 'submitted' | 'streaming' | 'ready' | 'error';

export type ChatTrigger = 'submit-message' | 'regenerate-message';

export type ChatFinish = {
  message: ChatUIMessage;
  messages: ChatUIMessage[];
  /** Stopped by the page. */
  isAbort: boolean;
  /** The connection was lost (fetch failed, or the page ended it as offline): the reply goes on on the server. */
  isDisconnect: boolean;
  isError: boolean;
};

type Options = {
  initialMessages: ChatUIMessage[];
  /** POST a turn here; GET `${api}/${chatId}/stream` reconnects to the reply being written. */
  api: string;
  chatId: string;
  fetch: typeof fetch;
  /** The JSON body of a turn's request. */
  requestBody: (request: {
    trigger: ChatTrigger;
    messages: ChatUIMessage[];
    messageId?: string;
    body?: Record<string, unknown>;
  }) => unknown;
  generateId: () => string;
  onError?: (error: Error) => void;
  onFinish?: (finish: ChatFinish) => void;
};

type SendOptions = { body?: Record<string, unknown> };
type NewMessage = {
  text: string;
  files?: Extract<ChatUIMessage['parts'][number], { type: 'file' }>[];
  /** Replaces this user message (and drops what followed it) instead of adding one. */
  messageId?: string;
};

/**
 * The web chat's conversation state and its requests: what `useChat` from `@ai-sdk/react` offers
 * this page, on the small stream reader of lib/chat/ui-stream-reader.ts. The reconnect replays the
 * reply from its start.
 */
export function useChatStream(options: Options) {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const [messages, setMessagesState] = useState(options.initialMessages);
  const [status, setStatus] = useState<ChatStatus>('ready');
  const [error, setError] = useState<Error | undefined>();
  const shown = useRef(messages);
  const active = useRef(new Set<{ abort: AbortController; done: Promise<void> }>());

  const setMessages = useCallback((next: ChatUIMessage[] | ((current: ChatUIMessage[]) => ChatUIMessage[])) => {
    shown.current = typeof next === 'function' ? next(shown.current) : next;
    setMessagesState(shown.current);
  }, []);

  const write = useCallback(
    (reply: ChatUIMessage) => setMessages((current) => placeReply(current, reply)),
    [setMessages],
  );

  const request = useCallback(
    async (trigger: ChatTrigger | 'resume-stream', messageId?: string, body?: Record<string, unknown>) => {
      const { api, chatId, fetch, requestBody, generateId, onError, onFinish } = latest.current;
      const abort = new AbortController();
      let finished!: () => void;
      const job = { abort, done: new Promise<void>((resolve) => (finished = resolve)) };
      active.current.add(job);
      const fail = (failure: unknown) => {
        const reason = failure instanceof Error ? failure : new Error(String(failure));
        onError?.(reason);
        setError(reason);
        setStatus('error');
      };
      try {
        let response: Response | undefined;
        if (trigger === 'resume-stream') {
          // As the SDK: a failed reconnect is an error, but not a finished reply.
          try {
            response = await fetch(`${api}/${encodeURIComponent(chatId)}/stream`, { signal: abort.signal });
          } catch (failure) {
            if (abort.signal.aborted || (failure as Error).name === 'AbortError') setStatus('ready');
            else fail(failure);
            return;
          }
          if (response.status === 204) return setStatus('ready');
        }
        setError(undefined);
        setStatus('submitted');
        const reply = new ReplyBuilder<ChatUIMessage>(generateId(), trigger === 'resume-stream');
        let isAbort = false;
        let isDisconnect = false;
        let isError = false;
        try {
          if (trigger !== 'resume-stream')
            response = await fetch(api, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(requestBody({ trigger, messages: shown.current, messageId, body })),
              signal: abort.signal,
            });
          if (!response?.ok) throw new Error((await response?.text()) || 'Failed to fetch the chat response.');
          if (!response.body) throw new Error('The response body is empty.');
          for await (const chunk of uiMessageChunks(response.body)) {
            if (abort.signal.aborted) break;
            const change = reply.apply(chunk);
            if (change === 'content') setStatus('streaming');
            if (change) write(reply.message);
          }
          if (abort.signal.aborted) isAbort = true;
          setStatus('ready');
        } catch (failure) {
          if (abort.signal.aborted || (failure as Error).name === 'AbortError') {
            isAbort = true;
            setStatus('ready');
          } else {
            isError = true;
            const message = failure instanceof TypeError ? failure.message.toLowerCase() : '';
            isDisconnect = message.includes('fetch') || message.includes('network') || message === 'load failed';
            fail(failure);
          }
        } finally {
          onFinish?.({ message: reply.message, messages: shown.current, isAbort, isDisconnect, isError });
        }
      } finally {
        active.current.delete(job);
        finished();
      }
    },
    [write],
  );

  const sendMessage = useCallback(
    async ({ text, files = [], messageId }: NewMessage, options?: SendOptions) => {
      const parts: ChatUIMessage['parts'] = [...files, { type: 'text', text }];
      setMessages((current) => {
        if (!messageId) return [...current, { id: latest.current.generateId(), role: 'user', parts }];
        const index = current.findIndex((m) => m.id === messageId && m.role === 'user');
        if (index === -1) throw new Error(`No user message ${messageId} to edit.`);
        return [...current.slice(0, index), { ...current[index]!, parts }];
      });
      return request('submit-message', messageId, options?.body);
    },
    [request, setMessages],
  );

  /** Asks again for the last reply (dropped from the list first). */
  const regenerate = useCallback(
    (options?: SendOptions) => {
      setMessages((current) => (current.at(-1)?.role === 'assistant' ? current.slice(0, -1) : current));
      return request('regenerate-message', undefined, options?.body);
    },
    [request, setMessages],
  );

  const resumeStream = useCallback(() => request('resume-stream'), [request]);

  const stop = useCallback(async () => {
    const jobs = [...active.current];
    for (const job of jobs) job.abort.abort();
    await Promise.all(jobs.map((job) => job.done));
  }, []);

  const clearError = useCallback(() => {
    setError(undefined);
    setStatus((current) => (current === 'error' ? 'ready' : current));
  }, []);

  return { messages, setMessages, sendMessage, regenerate, resumeStream, stop, status, error, clearError };
}

export type ChatStream = ReturnType<typeof useChatStream>;
