'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { adminFetch, jsonInit } from './api';

/** Quick actions in the persona list: publish or unpublish, duplicate, archive or restore. */
export function PersonaRowActions({
  id,
  name,
  archived,
  published,
}: {
  id: string;
  name: string;
  archived: boolean;
  published: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: string) => {
    if (action === 'archive' && !window.confirm(`Archive ${name}? It leaves the picker; existing chats keep working.`))
      return;
    setBusy(true);
    const result = await adminFetch<{ persona: { id: string } }>(
      `/api/admin/personas/${id}/actions`,
      jsonInit('POST', { action }),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    if (action === 'duplicate') router.push(`/admin/personas/${result.data.persona.id}`);
    else router.refresh();
  };
  const small = `${buttonStyles.ghost} !px-2 !py-1 text-xs`;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {!archived && (
        <button
          type="button"
          className={small}
          disabled={busy}
          onClick={() => void run(published ? 'unpublish' : 'publish')}
          aria-label={`${published ? 'Unpublish' : 'Publish'} ${name}`}
        >
          {published ? 'Unpublish' : 'Publish'}
        </button>
      )}
      <button
        type="button"
        className={small}
        disabled={busy}
        onClick={() => void run('duplicate')}
        aria-label={`Duplicate ${name}`}
      >
        Duplicate
      </button>
      <button
        type="button"
        className={small}
        disabled={busy}
        onClick={() => void run(archived ? 'restore' : 'archive')}
        aria-label={`${archived ? 'Restore' : 'Archive'} ${name}`}
      >
        {archived ? 'Restore' : 'Archive'}
      </button>
      {error && (
        <p role="alert" className="w-full text-right text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
