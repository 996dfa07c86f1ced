'use client';

import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { SendIcon, StopIcon } from '@/components/ui/icons';
import { MAX_MESSAGE_CHARS } from '@/lib/validation/limits';

type Props = {
  companionName: string;
  busy: boolean;
  mode: 'send' | 'edit';
  initialText: string;
  onSubmit: (text: string) => void;
  onStop: () => void;
  onCancelEdit: () => void;
};

export function Composer({ companionName, busy, mode, initialText, onSubmit, onStop, onCancelEdit }: Props) {
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  // Grow with the text, up to a third of the screen.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, window.innerHeight / 3)}px`;
  }, [text]);

  useEffect(() => {
    if (mode === 'edit') input.current?.focus();
  }, [mode]);

  const tooLong = text.length > MAX_MESSAGE_CHARS;

  const submit = () => {
    if (busy) return;
    const trimmed = text.trim();
    if (!trimmed) return setProblem('Write something before sending.');
    if (tooLong) return setProblem(`Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters.`);
    setProblem(null);
    onSubmit(trimmed);
    setText('');
  };

  return (
    <div className="border-t border-line bg-surface/90 px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur sm:px-6">
      <form
        className="mx-auto max-w-3xl"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {mode === 'edit' && (
          <div className="mb-2 flex items-center justify-between text-xs text-ink-faint">
            <span>Editing your last message: the reply after it will be replaced.</span>
            <button type="button" className="underline underline-offset-2" onClick={onCancelEdit}>Cancel</button>
          </div>
        )}
        <div className="flex items-end gap-2 rounded-3xl border border-line bg-raised p-1.5 pl-4 shadow-sm focus-within:border-ember-400 focus-within:ring-2 focus-within:ring-ember-400/30">
          <label htmlFor="composer" className="sr-only">Message {companionName}</label>
          <textarea
            id="composer"
            ref={input}
            rows={1}
            value={text}
            placeholder={`Message ${companionName}…`}
            aria-invalid={Boolean(problem) || tooLong}
            aria-describedby={problem ? 'composer-problem' : undefined}
            onChange={(event) => {
              setText(event.target.value);
              if (problem) setProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                submit();
              } else if (event.key === 'Escape') {
                if (busy) onStop();
                else if (mode === 'edit') onCancelEdit();
              }
            }}
            className="max-h-[33vh] min-h-10 flex-1 resize-none bg-transparent py-2 text-[15px] leading-6 outline-none placeholder:text-ink-faint focus-visible:outline-none"
          />
          {busy ? (
            <button type="button" onClick={onStop} aria-label="Stop reply" title="Stop (Esc)" className={`${buttonStyles.icon} size-10 bg-stone-900 text-white hover:bg-stone-700 hover:text-white dark:bg-stone-100 dark:text-stone-900`}>
              <StopIcon className="size-4" />
            </button>
          ) : (
            <button type="submit" aria-label={mode === 'edit' ? 'Save and resend' : 'Send message'} title="Send (Enter)" disabled={!text.trim() || tooLong} className={`${buttonStyles.icon} size-10 bg-ember-600 text-white hover:bg-ember-700 hover:text-white`}>
              <SendIcon />
            </button>
          )}
        </div>
        <div className="mt-1.5 flex min-h-4 justify-between px-3 text-xs">
          <span id="composer-problem" role={problem ? 'alert' : undefined} className="text-red-600 dark:text-red-400">{problem}</span>
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
