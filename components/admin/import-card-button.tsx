'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { adminFetch } from './api';

/** Imports a Character Card (PNG or JSON, V1/V2/V3) as a new draft and opens it in the studio. */
export function ImportCardButton() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const result = await adminFetch<{ persona: { id: string } }>('/api/admin/personas/import', {
      method: 'POST',
      headers: { 'x-file-name': encodeURIComponent(file.name) },
      body: file,
    });
    setBusy(false);
    if (input.current) input.current.value = '';
    // The server's message is one sentence without the file name (review D21).
    if (!result.ok) return setError(result.error.message);
    router.push(`/admin/personas/${result.data.persona.id}?imported=1`);
  };

  return (
    <div className="flex flex-col items-end gap-1">
      <label htmlFor="card-file" className="sr-only">
        Character card file (PNG or JSON)
      </label>
      <input
        ref={input}
        id="card-file"
        type="file"
        accept=".png,.json,image/png,application/json"
        className="sr-only"
        tabIndex={-1}
        onChange={(e) => void upload(e.target.files?.[0])}
      />
      <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import card'}
      </button>
      {error && (
        <p role="alert" className="max-w-sm text-right text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
