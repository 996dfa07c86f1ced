'use client';

import Link from 'next/link';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { ChatIcon } from '@/components/ui/icons';
import { newChatHref } from '@/lib/conversations/new-chat-href';
import { LANGUAGE_LABELS, type Language } from '@/lib/languages';

type Props = { companion: string; name: string; languages: Language[] };

/** Opens a draft chat with the companion, in the language picked beside it; nothing is written until the first message. */
export function StartChatButton({ companion, name, languages }: Props) {
  const [chatLanguage, setChatLanguage] = useState<Language>(languages[0] ?? 'en-US');
  return (
    <div className="flex items-center gap-2 sm:gap-3">
      <Link
        href={newChatHref(companion, languages.length > 1 ? chatLanguage : undefined)}
        className={`${buttonStyles.accent} px-4 py-3 text-base max-sm:flex-1 sm:px-6`}
      >
        <ChatIcon />
        Start chat with {name}
      </Link>
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
  );
}
