'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { PhoneIcon } from '@/components/ui/icons';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { Language } from '@/lib/languages';

type Props = {
  companion: string;
  name: string;
  /** Continue this conversation in the call; a new one otherwise. */
  conversationId?: string;
  language?: Language;
  /** 'icon' for the chat header. */
  variant?: 'button' | 'icon';
};

/** Starts a call with the companion and opens the call screen. */
export function CallButton({ companion, name, conversationId, language, variant = 'button' }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setPending(true);
    setError(null);
    const response = await fetch('/api/v1/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        companion,
        ...(language ? { language } : {}),
        ...(conversationId ? { conversation: conversationId } : {}),
      }),
    }).catch(() => null);
    if (response?.ok) {
      const call = (await response.json()) as { id: string };
      router.push(`/call/${call.id}`);
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(body?.error?.message ?? 'The call could not start. Check your connection and try again.');
    setPending(false);
  }

  const label = `Call ${name}`;
  return (
    <span className="relative inline-flex flex-col">
      <button
        type="button"
        onClick={() => void start()}
        disabled={pending || !hydrated}
        className={variant === 'icon' ? buttonStyles.icon : `${buttonStyles.secondary} px-6 py-3 text-base`}
        aria-label={variant === 'icon' ? label : undefined}
        title={label}
      >
        <PhoneIcon className={variant === 'icon' ? 'size-5' : 'size-5'} />
        {variant === 'button' && (pending ? 'Calling…' : 'Call')}
      </button>
      {error && (
        <span
          role="alert"
          className={`text-sm text-red-600 dark:text-red-400 ${variant === 'icon' ? 'absolute top-full right-0 z-10 mt-1 w-64 rounded-lg bg-raised p-2 shadow-lg' : 'mt-2'}`}
        >
          {error}
        </span>
      )}
    </span>
  );
}
