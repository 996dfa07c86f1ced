'use client';

import { useState, useTransition } from 'react';
import { startChatAction } from '@/app/(app)/actions';
import { buttonStyles } from '@/components/ui/button';
import { ChatIcon } from '@/components/ui/icons';
import { useHydrated } from '@/components/ui/use-hydrated';
import { LANGUAGE_LABELS, type Language } from '@/lib/languages';

type Props = { companion: string; name: string; languages: Language[] };

export function StartChatButton({ companion, name, languages }: Props) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [chatLanguage, setChatLanguage] = useState<Language>(languages[0] ?? 'en-US');
  const hydrated = useHydrated();
  return (
    <div>
      <div className="flex items-center gap-2 sm:gap-3">
        <button
          type="button"
          className={`${buttonStyles.accent} px-4 py-3 text-base max-sm:flex-1 sm:px-6`}
          disabled={pending || !hydrated}
          onClick={() =>
            startTransition(async () => {
              const result = await startChatAction(companion, chatLanguage);
              if (result && !result.ok) setError(result.error);
            })
          }
        >
          <ChatIcon />
          {pending ? 'Starting…' : `Start chat with ${name}`}
        </button>
        {languages.length > 1 && (
          <label className="flex items-center gap-2 text-sm text-ink-soft">
            <span className="max-sm:sr-only">in</span>
            <select
              value={chatLanguage}
              onChange={(event) => setChatLanguage(event.target.value as Language)}
              className="rounded-full border border-line bg-raised px-3 py-2 text-sm text-ink"
              aria-label="Conversation language"
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_LABELS[l]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
