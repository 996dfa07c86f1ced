'use client';

import { useState } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { CheckIcon, CopyIcon, PencilIcon, PhoneIcon, RefreshIcon } from '@/components/ui/icons';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import type { Language } from '@/lib/languages';
import { textOf } from '@/lib/text';
import type { ChatCompanion } from './types';
import { filesOf, MessageFiles, PicturesInProgress } from './message-files';
import { MessageText } from './message-text';
import { MessageTime } from './message-times';
import { ActionToolbar } from './action-toolbar';
import { ReadAloudButton } from './read-aloud-button';
import { BranchSwitcher } from './branch-switcher';
import { RatingButtons } from './rating-buttons';
import { rateReplyAction } from '@/app/(app)/chat/actions';
import type { PickableModel } from './model-picker';

type Props = {
  message: ChatUIMessage;
  companion: ChatCompanion;
  /** The conversation's language, for reading a reply aloud. */
  language: Language;
  /** When it was sent; null until the page has hydrated (times depend on the reader's clock and zone). */
  time: Date | null;
  streaming: boolean;
  /** Whether the conversation can change now: no reply is being written. */
  canEdit: boolean;
  canRegenerate: boolean;
  /** Models a reply can be retried with, for "Retry with…". */
  models: PickableModel[];
  onEdit: () => void;
  /** Writes the reply again, with the given model for this reply only when one is named. */
  onRegenerate: (model?: string) => void;
  /** Shows the conversation as it went on from another version of this message. */
  onChooseVersion: (messageId: string) => void;
};

const STATUS_NOTES = {
  error: 'This reply was cut short by an error.',
  aborted: 'Stopped.',
} as const;

export function MessageBubble({
  message,
  companion,
  language,
  time,
  streaming,
  canEdit,
  canRegenerate,
  models,
  onEdit,
  onRegenerate,
  onChooseVersion,
}: Props) {
  const text = textOf(message);
  const status = message.metadata?.status;
  const spoken = message.metadata?.source === 'voice';
  // A spoken reply that was talked over (or whose call ended) was interrupted, not stopped.
  const note =
    status === 'aborted' && spoken
      ? 'Interrupted.'
      : status === 'error' || status === 'aborted'
        ? STATUS_NOTES[status]
        : null;
  const nameOf = (id: string) => models.find((m) => m.id === id)?.name ?? id;
  const fallbacks = message.metadata?.fallbacks ?? [];
  const answeredBy = message.metadata?.model;
  const files = filesOf(message);
  const alternatives = message.metadata?.alternatives ?? [];
  const versions = (noun: string, align: 'start' | 'end') =>
    alternatives.length > 1 && (
      <div className={NOTE_SPACING}>
        <BranchSwitcher
          messageId={message.id}
          alternatives={alternatives}
          noun={noun}
          align={align}
          disabled={!canEdit}
          onChoose={onChooseVersion}
        />
      </div>
    );

  if (message.role === 'user') {
    const voiceNote = files.some((f) => f.mediaType.startsWith('audio/'));
    return (
      <div
        className="group flex animate-fade-in flex-col items-end gap-1.5"
        data-role="user"
        data-source={spoken ? 'voice' : undefined}
      >
        {spoken && <CallMark />}
        <div className={`flex max-w-[85%] flex-col items-end gap-1.5 ${ANCHOR}`}>
          <MessageFiles files={files} align="end" label="Your" />
          {text ? (
            <div
              className="rounded-3xl rounded-br-lg bg-stone-900 px-4 py-2.5 whitespace-pre-wrap wrap-anywhere text-white dark:bg-stone-700"
              data-testid={voiceNote ? 'transcript' : undefined}
            >
              {voiceNote && <span className="sr-only">Transcript: </span>}
              {text}
            </div>
          ) : (
            voiceNote && <p className="text-right text-xs text-ink-faint">No transcript for this voice note.</p>
          )}
          <Actions align="end" time={time}>
            <CopyButton text={text} />
            {canEdit && (
              <ActionButton label="Edit message" onClick={onEdit}>
                <PencilIcon />
              </ActionButton>
            )}
          </Actions>
          {versions('message', 'end')}
        </div>
      </div>
    );
  }

  return (
    <div
      className="group flex animate-fade-in gap-3"
      data-role="assistant"
      data-status={streaming ? 'streaming' : (status ?? 'complete')}
      data-source={spoken ? 'voice' : undefined}
    >
      <Avatar src={companion.avatarUrl} name={companion.name} decorative size={32} className="mt-1" />
      <div className="min-w-0 max-w-[85%] flex-1">
        <span className="sr-only">{companion.name} says:</span>
        {spoken && <CallMark />}
        <div
          className={`inline-block max-w-full rounded-3xl rounded-tl-lg border-l-[3px] bg-raised px-4 py-2.5 shadow-sm ring-1 ring-line ${ANCHOR} ${streaming ? 'streaming-caret' : ''}`}
          style={{ borderLeftColor: companion.accentColor }}
        >
          <PicturesInProgress message={message} name={companion.name} />
          {files.length > 0 && (
            <div className={text ? 'mb-2' : ''}>
              <MessageFiles files={files} align="start" label={companion.name} />
            </div>
          )}
          {text ? (
            <MessageText text={text} streaming={streaming} />
          ) : (
            !streaming && !files.length && <span className="text-ink-faint italic">No reply.</span>
          )}
          {!streaming && (
            <Actions align="start" time={time}>
              {text && <CopyButton text={text} />}
              {text && status !== 'streaming' && (
                <ReadAloudButton messageId={message.id} text={text} language={language} />
              )}
              {canEdit && text && (
                <ActionButton label="Edit reply" onClick={onEdit}>
                  <PencilIcon />
                </ActionButton>
              )}
              {/* A reply names its model; the greeting does not, and is not rated. */}
              {answeredBy && status !== 'streaming' && (
                <RatingButtons
                  rating={message.metadata?.rating ?? null}
                  onRate={(rating) => rateReplyAction(message.id, rating)}
                />
              )}
              {canRegenerate && (
                <>
                  <ActionButton label="Regenerate reply" onClick={() => onRegenerate()}>
                    <RefreshIcon />
                  </ActionButton>
                  <RetryWith models={models} onPick={onRegenerate} />
                </>
              )}
            </Actions>
          )}
        </div>
        {!streaming && versions('reply', 'start')}
        {note && <p className={`pl-1 text-xs text-ink-faint ${NOTE_SPACING}`}>{note}</p>}
        {fallbacks.length > 0 && answeredBy && (
          <p className={`pl-1 text-xs text-ink-faint ${NOTE_SPACING}`} data-testid="fallback-note">
            {fallbacks.map(nameOf).join(', ')} did not answer, so {nameOf(answeredBy)} did.
          </p>
        )}
      </div>
    </div>
  );
}

/** Marks what was said in a call. */
function CallMark() {
  return (
    <span className="mb-1 flex items-center gap-1 px-1 text-xs text-ink-faint">
      <PhoneIcon className="size-3.5" />
      In a call
    </span>
  );
}

/** Retries the reply once with another model; the conversation keeps its own. */
function RetryWith({ models, onPick }: { models: PickableModel[]; onPick: (model: string) => void }) {
  const available = models.filter((m) => m.available);
  if (available.length < 2) return null;
  return (
    <select
      aria-label="Retry with another model"
      value=""
      onChange={(event) => event.target.value && onPick(event.target.value)}
      className="w-28 rounded-lg bg-transparent px-1.5 py-1 text-xs text-ink-faint hover:bg-sunken hover:text-ink"
    >
      <option value="">Retry with…</option>
      {available.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
}

// Review D37: hidden action rows kept ~50 px between bubbles. Where there is a mouse, the actions
// are a small pill laid over the bubble's lower edge, shown on hover or focus, taking no room; on a
// touch screen (no hover) they are a row under the bubble, always shown.
// (Whole class names, written out: Tailwind finds classes by reading the source.)
const ANCHOR = '[@media(hover:hover)_and_(pointer:fine)]:relative';
const NOTE_SPACING = 'mt-1 [@media(hover:hover)_and_(pointer:fine)]:mt-4';

function Actions({ children, align, time }: { children: React.ReactNode; align: 'start' | 'end'; time: Date | null }) {
  return (
    <ActionToolbar
      label={align === 'end' ? 'Actions for your message' : 'Actions for this reply'}
      className={[
        'mt-1 flex items-center gap-0.5 text-ink-faint',
        align === 'end' ? 'justify-end' : '-mb-1.5 -ml-1.5',
        '[@media(hover:hover)_and_(pointer:fine)]:absolute [@media(hover:hover)_and_(pointer:fine)]:-bottom-[18px] [@media(hover:hover)_and_(pointer:fine)]:z-10 [@media(hover:hover)_and_(pointer:fine)]:m-0',
        '[@media(hover:hover)_and_(pointer:fine)]:rounded-full [@media(hover:hover)_and_(pointer:fine)]:bg-raised [@media(hover:hover)_and_(pointer:fine)]:px-1 [@media(hover:hover)_and_(pointer:fine)]:shadow-sm [@media(hover:hover)_and_(pointer:fine)]:ring-1 [@media(hover:hover)_and_(pointer:fine)]:ring-line',
        align === 'end'
          ? '[@media(hover:hover)_and_(pointer:fine)]:right-3'
          : '[@media(hover:hover)_and_(pointer:fine)]:left-3',
        '[@media(hover:hover)_and_(pointer:fine)]:opacity-0 [@media(hover:hover)_and_(pointer:fine)]:transition-opacity [@media(hover:hover)_and_(pointer:fine)]:group-focus-within:opacity-100 [@media(hover:hover)_and_(pointer:fine)]:group-hover:opacity-100',
      ].join(' ')}
    >
      {time && <MessageTime date={time} />}
      {children}
    </ActionToolbar>
  );
}

function ActionButton({ label, onClick, children }: { label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="rounded-lg p-1.5 text-ink-faint hover:bg-sunken hover:text-ink [@media(hover:hover)_and_(pointer:fine)]:p-1"
    >
      {children}
    </button>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <ActionButton
      label={copied ? 'Copied' : 'Copy message'}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false); // clipboard refused (insecure context or permission); nothing to undo
        }
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
    </ActionButton>
  );
}
