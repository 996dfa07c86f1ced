'use client';

import { useId } from 'react';
import { storeApiKey, useApiKey } from './api-key';

/** The bearer key "Try it" sends; without one, requests go with the visitor's session cookie, if any. */
export function ApiKeyField() {
  const id = useId();
  const key = useApiKey();

  return (
    <div className="rounded-2xl border border-line bg-raised p-4">
      <label htmlFor={id} className="text-sm font-medium">
        API key for “Try it”
      </label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="hk_…"
        value={key}
        onChange={(event) => storeApiKey(event.target.value.trim())}
        aria-describedby={`${id}-hint`}
        className="mt-2 w-full rounded-xl border border-line bg-surface px-3 py-2 font-mono text-sm"
      />
      <p id={`${id}-hint`} className="mt-2 text-xs text-ink-soft">
        Kept in this tab only. Leave it empty to use your signed-in session.
      </p>
    </div>
  );
}
