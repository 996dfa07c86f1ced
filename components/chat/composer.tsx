'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { ImageIcon, MicIcon, PaperclipIcon, SendIcon, StopIcon } from '@/components/ui/icons';
import { AUDIO_TYPES, IMAGE_TYPES } from '@/lib/uploads/limits';
import { MAX_MESSAGE_CHARS } from '@/lib/validation/limits';
import { AttachmentTray } from './attachment-tray';
import { useUploads, type UploadedFile } from './use-uploads';
import { VoiceRecorder } from './voice-recorder';

/** Whether the conversation's model can see images, and a model that can when it cannot. */
export type VisionSupport = { canSee: boolean; modelName: string; alternative: { id: string; name: string } | null };

type Props = {
  companionName: string;
  busy: boolean;
  /** Editing a message instead of sending one: what the note above the box and the save button say. */
  editing: { note: string; saveLabel: string } | null;
  initialText: string;
  /** Why sending has to wait (a rate limit), shown above the input; Send stays off while it shows. */
  notice: string | null;
  /** Where a guest stopped by a limit can create an account (with the notice), or null. */
  accountHref?: string | null;
  vision: VisionSupport;
  onSubmit: (text: string, attachments: UploadedFile[]) => void;
  onStop: () => void;
  onCancelEdit: () => void;
  onSwitchModel: (id: string) => void;
};

const ACCEPT = [...IMAGE_TYPES, ...AUDIO_TYPES, '.m4a', '.mp3', '.wav', '.ogg', '.webm'].join(',');

export function Composer({
  companionName,
  busy,
  editing,
  initialText,
  notice,
  accountHref = null,
  vision,
  onSubmit,
  onStop,
  onCancelEdit,
  onSwitchModel,
}: Props) {
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const uploads = useUploads();

  // Grow with the text, up to a third of the screen.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, window.innerHeight / 3)}px`;
  }, [text]);

  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const canAttach = !editing;
  const hasImages = uploads.items.some((item) => item.kind === 'image');
  const failed = uploads.items.some((item) => item.state === 'error');
  const shownProblem =
    problem ?? uploads.problem ?? uploads.items.find((item) => item.state === 'error')?.error ?? null;

  const submit = () => {
    if (busy || recording || notice) return;
    const trimmed = text.trim();
    if (uploads.busy) return setProblem('Wait a moment: the files are still uploading.');
    if (failed) return setProblem('Remove the files that could not be uploaded, then send.');
    if (!trimmed && !uploads.ready.length) return setProblem('Write something before sending.');
    if (tooLong) return setProblem(`Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters.`);
    if (!navigator.onLine)
      return setProblem('You’re offline. Your message is kept here: send it once you’re back online.');
    setProblem(null);
    onSubmit(trimmed, uploads.ready);
    setText('');
    uploads.clear();
  };

  const addFiles = (files: Iterable<File>) => {
    if (!canAttach) return;
    setProblem(null);
    uploads.add(files);
  };

  return (
    <div className="border-t border-line bg-surface/90 px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur sm:px-6">
      <form
        className="relative mx-auto max-w-3xl"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        onDragEnter={(event) => {
          if (canAttach && event.dataTransfer.types.includes('Files')) setDragging(true);
        }}
        onDragOver={(event) => {
          if (canAttach && event.dataTransfer.types.includes('Files')) event.preventDefault();
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          addFiles(event.dataTransfer.files);
        }}
      >
        {editing && (
          <div className="mb-2 flex items-center justify-between gap-3 text-xs text-ink-faint">
            <span>{editing.note}</span>
            <button type="button" className="underline underline-offset-2" onClick={onCancelEdit}>
              Cancel
            </button>
          </div>
        )}
        <div role="status">
          {notice && (
            <div className="mb-2 rounded-2xl bg-ember-50 px-3 py-2 text-sm text-ember-900 dark:bg-ember-950/40 dark:text-ember-100">
              <p data-testid="rate-limit-notice">{notice}</p>
              {accountHref && (
                <p className="mt-1">
                  <Link href={accountHref} className="font-medium underline underline-offset-2">
                    Create an account
                  </Link>{' '}
                  to keep your chats and send more.
                </p>
              )}
            </div>
          )}
        </div>
        {hasImages && !vision.canSee && (
          <p
            role="status"
            className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-2xl bg-ember-50 px-3 py-2 text-xs text-ember-900 dark:bg-ember-950/40 dark:text-ember-100"
            data-testid="vision-notice"
          >
            <span>{vision.modelName} can’t see images: it will only be told a picture was attached.</span>
            {vision.alternative && (
              <button
                type="button"
                onClick={() => onSwitchModel(vision.alternative!.id)}
                className="font-medium underline underline-offset-2"
              >
                Switch to {vision.alternative.name}
              </button>
            )}
          </p>
        )}
        <AttachmentTray items={uploads.items} onRemove={uploads.remove} onRetry={uploads.retry} />
        <div className="flex items-end gap-1.5 rounded-3xl border border-line bg-raised p-1.5 shadow-sm focus-within:border-ember-400 focus-within:ring-2 focus-within:ring-ember-400/30">
          {recording ? (
            <VoiceRecorder
              onRecorded={(file) => {
                setRecording(false);
                addFiles([file]);
              }}
              onCancel={() => setRecording(false)}
              onFailed={(message) => {
                setRecording(false);
                setProblem(message);
              }}
            />
          ) : (
            <>
              {canAttach && (
                <>
                  <input
                    ref={picker}
                    type="file"
                    accept={ACCEPT}
                    multiple
                    hidden
                    data-testid="file-input"
                    onChange={(event) => {
                      addFiles(event.target.files ?? []);
                      event.target.value = '';
                    }}
                  />
                  <button
                    type="button"
                    onClick={() => picker.current?.click()}
                    aria-label="Attach images or an audio file"
                    title="Attach images or audio"
                    className={`${buttonStyles.icon} size-10`}
                  >
                    <PaperclipIcon />
                  </button>
                </>
              )}
              <label htmlFor="composer" className="sr-only">
                Message {companionName}
              </label>
              <textarea
                id="composer"
                ref={input}
                rows={1}
                value={text}
                placeholder={`Message ${companionName}…`}
                aria-invalid={Boolean(shownProblem) || tooLong}
                aria-describedby={shownProblem ? 'composer-problem' : undefined}
                onChange={(event) => {
                  setText(event.target.value);
                  if (problem) setProblem(null);
                }}
                onPaste={(event) => {
                  const files = [...event.clipboardData.files];
                  if (files.length && canAttach) {
                    event.preventDefault();
                    addFiles(files);
                  }
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                    event.preventDefault();
                    submit();
                  } else if (event.key === 'Escape') {
                    if (busy) onStop();
                    else if (editing) onCancelEdit();
                  }
                }}
                className={`max-h-[33vh] min-h-10 flex-1 resize-none bg-transparent py-2 text-[15px] leading-6 outline-none placeholder:text-ink-faint focus-visible:outline-none ${canAttach ? '' : 'pl-3'}`}
              />
              {canAttach && !busy && !text.trim() && !uploads.items.length && (
                <button
                  type="button"
                  onClick={() => setRecording(true)}
                  aria-label="Record a voice note"
                  title="Record a voice note (up to 2 minutes)"
                  className={`${buttonStyles.icon} size-10`}
                >
                  <MicIcon />
                </button>
              )}
              {busy ? (
                <button
                  type="button"
                  onClick={onStop}
                  aria-label="Stop reply"
                  title="Stop (Esc)"
                  className={`${buttonStyles.icon} size-10 bg-stone-900 text-white hover:bg-stone-700 hover:text-white dark:bg-stone-100 dark:text-stone-900`}
                >
                  <StopIcon className="size-4" />
                </button>
              ) : (
                <button
                  type="submit"
                  aria-label={editing ? editing.saveLabel : 'Send message'}
                  title="Send (Enter)"
                  disabled={(!text.trim() && !uploads.ready.length) || tooLong || uploads.busy || Boolean(notice)}
                  className={`${buttonStyles.icon} size-10 bg-ember-600 text-white hover:bg-ember-700 hover:text-white`}
                >
                  <SendIcon />
                </button>
              )}
            </>
          )}
        </div>
        {dragging && (
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center gap-2 rounded-3xl border-2 border-dashed border-ember-400 bg-ember-50/90 text-sm font-medium text-ember-900 dark:bg-ember-950/80 dark:text-ember-100">
            <ImageIcon /> Drop images or a voice note
          </div>
        )}
        <div className="mt-1.5 flex min-h-4 justify-between px-3 text-xs">
          <span
            id="composer-problem"
            role={shownProblem ? 'alert' : undefined}
            className="text-red-600 dark:text-red-400"
          >
            {shownProblem}
          </span>
          {text.length > MAX_MESSAGE_CHARS * 0.9 && (
            <span className={tooLong ? 'text-red-600 dark:text-red-400' : 'text-ink-faint'}>
              {text.length.toLocaleString('en-US')} / {MAX_MESSAGE_CHARS.toLocaleString('en-US')}
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
