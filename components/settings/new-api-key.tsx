'use client';

import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { CheckIcon, CopyIcon } from '@/components/ui/icons';

type Props = { name: string; apiKey: string; onDone: () => void };

/** The new key, in full, this one time: selectable, copyable, and gone once dismissed. */
export function NewApiKey({ name, apiKey, onDone }: Props) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => field.current?.select(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      // The clipboard can be refused (permissions, insecure context): the key stays selected to copy by hand.
      field.current?.select();
      setCopyFailed(true);
    }
  };

  return (
    <section
      aria-labelledby="new-key-heading"
      className="animate-fade-in rounded-2xl border border-ember-200 bg-ember-50 p-4 text-ember-950 dark:border-ember-900/60 dark:bg-ember-950/30 dark:text-ember-50"
    >
      <h3 id="new-key-heading" className="font-medium">
        “{name}” is ready
      </h3>
      <p className="mt-1 text-sm">
        Copy it now: you won’t be able to see it again. Keep it somewhere safe; anyone with it can use Hearth as you.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-api-key" className="sr-only">
          Your new API key
        </label>
        {/* Wraps on a narrow screen so the whole key is in view; one line where it fits. */}
        <textarea
          ref={field}
          id="new-api-key"
          readOnly
          rows={2}
          value={apiKey}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="field-sizing-content min-w-0 flex-1 resize-none rounded-xl border border-line bg-raised px-3.5 py-2.5 font-mono text-sm break-all text-ink outline-none focus:border-ember-400"
        />
        <button type="button" onClick={() => void copy()} className={buttonStyles.secondary}>
          {copied ? <CheckIcon /> : <CopyIcon />}
          {copied ? 'Copied' : 'Copy key'}
        </button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-5 text-sm">
        {copyFailed
          ? 'Copying was blocked by the browser: the key is selected, press Ctrl+C (⌘C) to copy it.'
          : copied
            ? 'Copied to the clipboard.'
            : ''}
      </p>
      <button type="button" onClick={onDone} className={`${buttonStyles.secondary} mt-1`}>
        Done, I’ve saved it
      </button>
    </section>
  );
}
