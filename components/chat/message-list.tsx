'use client';

import type { ChatStatus } from './use-chat-stream';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { ArrowDownIcon, RefreshIcon } from '@/components/ui/icons';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import type { Language } from '@/lib/languages';
import type { ChatCompanion } from './types';
import { MessageBubble } from './message-bubble';
import { DayDivider, dayStarts, useMessageTimes } from './message-times';
import type { OlderMessages } from './use-older-messages';
import type { PickableModel } from './model-picker';

type Props = {
  messages: ChatUIMessage[];
  /** The pages before the first message shown, loaded as the person scrolls to the top. */
  older: OlderMessages;
  companion: ChatCompanion;
  language: Language;
  status: ChatStatus;
  /** The last reply is being written on the server while the page waits to reconnect to it. */
  replyInProgress: boolean;
  /** A line under the messages about a reply the page is not receiving (offline, reconnecting, still finishing). */
  replyNote: string | null;
  /** Whether messages can be edited and versions switched: nothing is being written. */
  canChange: boolean;
  canRegenerate: boolean;
  models: PickableModel[];
  onRegenerate: (model?: string) => void;
  onEdit: (message: ChatUIMessage) => void;
  onChooseVersion: (messageId: string) => void;
  error: { message: string; onRetry: () => void } | null;
};

// Within this many pixels of the bottom counts as "reading the latest", so new text follows.
const STICKY_PX = 80;
// Older messages start loading this far before the top is reached, so scrolling rarely waits.
const PRELOAD_PX = 600;

export function MessageList(props: Props) {
  const {
    messages,
    older,
    companion,
    language,
    status,
    replyInProgress,
    replyNote,
    canChange,
    canRegenerate,
    models,
    onRegenerate,
    onEdit,
    onChooseVersion,
    error,
  } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  // The first message shown and the content's height when it was: older messages put in front of
  // it move the view down by what they add, so the message being read stays where it was.
  const top = useRef<{ id: string | undefined; height: number }>({ id: undefined, height: 0 });
  const timeOf = useMessageTimes();
  const timesShown = timeOf !== null;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const firstId = messages[0]?.id;
    if (following) el.scrollTop = el.scrollHeight;
    else if (top.current.id && firstId !== top.current.id && messages.some((m) => m.id === top.current.id)) {
      el.scrollTop += el.scrollHeight - top.current.height;
    }
    top.current = { id: firstId, height: el.scrollHeight };
    // Day dividers and times appear at hydration and change the height: follow them too.
  }, [messages, status, following, error, older.state, timesShown]);

  // Near the top, the page before loads by itself (again after each page, while the top is in view).
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasOlder, state: olderState, loadOlder } = older;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasOlder || olderState !== 'idle') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadOlder(), {
      root: scroller.current,
      rootMargin: `${PRELOAD_PX}px 0px 0px 0px`,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasOlder, olderState, loadOlder, messages.length]);

  // Sending a message always brings the view back to the bottom.
  const [previousStatus, setPreviousStatus] = useState(status);
  if (status !== previousStatus) {
    setPreviousStatus(status);
    if (status === 'submitted') setFollowing(true);
  }

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX);
  };

  // Messages from the first one the list was opened with (or, once the window is replaced, its new
  // first one) go in the live log; the older pages loaded in front of them go before it.
  const [liveFrom, setLiveFrom] = useState(messages[0]?.id);
  if (messages.length > 0 && !messages.some((m) => m.id === liveFrom)) setLiveFrom(messages[0]!.id);
  const split = Math.max(
    0,
    messages.findIndex((m) => m.id === liveFrom),
  );
  const earlier = messages.slice(0, split);
  const live = messages.slice(split);

  const last = messages.at(-1);
  const streamingId = (status === 'streaming' || replyInProgress) && last?.role === 'assistant' ? last.id : undefined;
  const waitingForFirstWord = status === 'submitted' || (status === 'streaming' && last?.role === 'user');

  const newDays = timeOf ? dayStarts(messages, timeOf) : null;
  const bubble = (message: ChatUIMessage) => (
    <Fragment key={message.id}>
      {newDays?.has(message.id) && <DayDivider date={timeOf!(message)} />}
      <MessageBubble
        message={message}
        language={language}
        time={timeOf?.(message) ?? null}
        companion={companion}
        streaming={message.id === streamingId}
        canEdit={canChange}
        canRegenerate={canRegenerate && message.id === last?.id}
        models={models}
        onEdit={() => onEdit(message)}
        onRegenerate={onRegenerate}
        onChooseVersion={onChooseVersion}
      />
    </Fragment>
  );

  return (
    <div className="relative min-h-0 flex-1">
      {/* The browser's own scroll anchoring is off: the list keeps the position itself, the same in every browser. */}
      <div
        ref={scroller}
        onScroll={onScroll}
        className="h-full overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        {(hasOlder || earlier.length > 0) && (
          // Outside the live log: a page of older messages put in front is read when the person
          // gets to it, not announced as if it had just been said.
          <div className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 pt-6 sm:px-6">
            {hasOlder && <div ref={sentinel} aria-hidden="true" />}
            <OlderRow older={older} />
            {earlier.map(bubble)}
          </div>
        )}
        <div
          role="log"
          aria-label={`Conversation with ${companion.name}`}
          aria-live="polite"
          aria-busy={status === 'streaming'}
          className={`mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 pb-6 sm:px-6 ${hasOlder || earlier.length > 0 ? 'pt-4' : 'pt-6'}`}
        >
          {live.map(bubble)}
          {waitingForFirstWord && <TypingIndicator companion={companion} />}
          {replyNote && (
            <p role="status" className="pl-11 text-sm text-ink-faint">
              {replyNote}
            </p>
          )}
          {error && (
            <div
              role="alert"
              className="ml-11 flex flex-wrap items-center gap-3 rounded-2xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
            >
              <span className="flex-1">{error.message}</span>
              <button
                type="button"
                onClick={error.onRetry}
                className="inline-flex items-center gap-1.5 rounded-full bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700"
              >
                <RefreshIcon /> Retry
              </button>
            </div>
          )}
        </div>
      </div>
      {!following && (
        <button
          type="button"
          onClick={() => setFollowing(true)}
          className="absolute bottom-4 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-line bg-raised px-3.5 py-1.5 text-sm shadow-lg"
        >
          <ArrowDownIcon className="size-4" /> Latest
        </button>
      )}
    </div>
  );
}

function TypingIndicator({ companion }: { companion: ChatCompanion }) {
  return (
    <div className="flex animate-fade-in items-center gap-3" aria-label={`${companion.name} is typing`} role="status">
      <Avatar src={companion.avatarUrl} name={companion.name} decorative size={32} />
      <div className="flex gap-1 rounded-2xl bg-raised px-4 py-3 shadow-sm ring-1 ring-line">
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="size-1.5 animate-breathe rounded-full bg-ink-faint"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </div>
    </div>
  );
}

/** The top of the list while older messages load, or why they did not, with Retry. */
function OlderRow({ older }: { older: OlderMessages }) {
  if (older.state === 'loading') {
    return (
      <div role="status" className="flex items-center justify-center gap-2 py-2 text-sm text-ink-faint">
        <span className="size-1.5 animate-breathe rounded-full bg-ink-faint" aria-hidden="true" />
        Loading earlier messages…
      </div>
    );
  }
  if (older.state === 'error') {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center justify-center gap-3 rounded-2xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
      >
        <span>{older.error}</span>
        <button
          type="button"
          onClick={older.loadOlder}
          className="inline-flex items-center gap-1.5 rounded-full bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700"
        >
          <RefreshIcon /> Retry
        </button>
      </div>
    );
  }
  if (older.hasOlder) {
    // For keyboards and screen readers, and when the observer cannot tell (a very tall screen).
    return (
      <button
        type="button"
        onClick={older.loadOlder}
        className="sr-only focus:not-sr-only focus:self-center focus:rounded-full focus:px-3 focus:py-1.5 focus:text-sm"
      >
        Load earlier messages
      </button>
    );
  }
  return null;
}
