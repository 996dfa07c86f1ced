'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId } from 'react';
import { guestUpgradeHref } from '@/components/sidebar/guest-upgrade-link';
import type { ShareBlock } from '@/lib/companions/form-options';
import { AUDIENCE_LABELS, AUDIENCES, type Audience } from '@/lib/companions/own-schemas';
import { AudienceIcon } from './audience-icon';

type Props = {
  value: Audience;
  onChange: (audience: Audience) => void;
  block: ShareBlock;
  error?: string;
};

/** Who else may talk with the companion, as three cards; guests and unverified accounts see why only "Only me" is open. */
export function AudiencePicker({ value, onChange, block, error }: Props) {
  const id = useId();
  const pathname = usePathname();
  const noteId = `${id}-why`;
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium">Who can see it</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {AUDIENCES.map((audience) => {
          const disabled = block !== null && audience !== 'private';
          return (
            <label
              key={audience}
              className="group relative flex cursor-pointer gap-3 rounded-2xl border border-field-line p-3.5 transition-colors has-[:checked]:border-ember-400 has-[:checked]:bg-ember-50/70 has-[:disabled]:cursor-not-allowed has-[:disabled]:border-line has-[:disabled]:opacity-60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ember-500 sm:flex-col sm:gap-2 dark:has-[:checked]:bg-ember-950/40"
            >
              <input
                type="radio"
                name="audience"
                value={audience}
                checked={value === audience}
                disabled={disabled}
                onChange={() => onChange(audience)}
                className="absolute inset-0 m-0 size-full cursor-pointer appearance-none rounded-[inherit] opacity-0 disabled:cursor-not-allowed"
                data-invalid={Boolean(error) && value === audience}
                aria-labelledby={`${id}-${audience}`}
                aria-describedby={`${id}-${audience}-hint${disabled ? ` ${noteId}` : ''}`}
              />
              <span
                className="text-ink-faint group-has-[:checked]:text-ember-700 dark:group-has-[:checked]:text-ember-300"
                aria-hidden="true"
              >
                <AudienceIcon audience={audience} />
              </span>
              <span className="min-w-0">
                <span id={`${id}-${audience}`} className="block text-sm font-medium">
                  {AUDIENCE_LABELS[audience].label}
                </span>
                <span id={`${id}-${audience}-hint`} className="mt-0.5 block text-xs text-ink-faint">
                  {AUDIENCE_LABELS[audience].hint}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {block && (
        <p id={noteId} className="mt-2 text-sm text-ink-soft">
          {block === 'guest' ? (
            <>
              Guests keep their companions to themselves.{' '}
              <Link
                href={guestUpgradeHref(pathname)}
                className="text-ember-700 underline underline-offset-2 dark:text-ember-300"
              >
                Create an account
              </Link>{' '}
              and confirm your email to share yours.
            </>
          ) : (
            <>
              To share a companion, confirm your email address first: open the link we sent you, or send a new one from{' '}
              <Link
                href="/settings/security"
                className="text-ember-700 underline underline-offset-2 dark:text-ember-300"
              >
                Settings › Security
              </Link>
              .
            </>
          )}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
