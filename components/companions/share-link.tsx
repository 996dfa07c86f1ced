'use client';

import { useState, useSyncExternalStore } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { CheckIcon, CopyIcon } from '@/components/ui/icons';

const subscribe = () => () => {};

/**
 * The address that opens the companion for anyone allowed to: /companions/<id>, by its id (an
 * unlisted companion opens by its id only), with this site's origin once in the browser.
 */
export function ShareLink({ id, name }: { id: string; name: string }) {
  const path = `/companions/${id}`;
  const url = useSyncExternalStore(
    subscribe,
    () => `${window.location.origin}${path}`,
    () => path,
  );
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // the clipboard refused: the address stays selectable in the field
    }
  };
  return (
    <div>
      <label htmlFor="share-link" className="mb-1.5 block text-sm font-medium">
        Link to {name}
      </label>
      <div className="flex items-center gap-2">
        <input
          id="share-link"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-xl border border-field-line bg-sunken px-3 py-2 font-mono text-xs text-ink-soft outline-none focus:border-ember-400"
        />
        <button type="button" onClick={() => void copy()} className={`${buttonStyles.secondary} shrink-0 px-3 py-2`}>
          {copied ? <CheckIcon /> : <CopyIcon />}
          <span>{copied ? 'Copied' : 'Copy link'}</span>
        </button>
      </div>
      <p className="mt-1.5 text-xs text-ink-faint" aria-live="polite">
        {copied ? 'Copied. Anyone you send it to can talk with them.' : 'Anyone with this link can talk with them.'}
      </p>
    </div>
  );
}
