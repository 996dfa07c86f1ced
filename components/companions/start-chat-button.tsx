'use client';

import { useState, useTransition } from 'react';
import { startChatAction } from '@/app/(app)/actions';
import { buttonStyles } from '@/components/ui/button';
import { ChatIcon } from '@/components/ui/icons';
import { useHydrated } from '@/components/ui/use-hydrated';

export function StartChatButton({ companion, name }: { companion: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  return (
    <div>
      <button
        type="button"
        className={`${buttonStyles.accent} px-6 py-3 text-base`}
        disabled={pending || !hydrated}
        onClick={() =>
          startTransition(async () => {
            const result = await startChatAction(companion);
            if (result && !result.ok) setError(result.error);
          })
        }
      >
        <ChatIcon />
        {pending ? 'Starting…' : `Start chat with ${name}`}
      </button>
      {error && <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
}
