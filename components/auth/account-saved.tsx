'use client';

import { buttonStyles } from '@/components/ui/button';
import { CheckIcon } from '@/components/ui/icons';
import { AuthCard } from './card';

/** After the upgrade: signed in as the account, with everything still there. Focus goes to the heading. */
export function AccountSaved({
  email,
  mail,
  returnTo,
}: {
  email: string;
  mail: 'sent' | 'unavailable' | null;
  returnTo: string;
}) {
  return (
    <AuthCard className="text-center">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-ember-100 text-ember-700 dark:bg-ember-950 dark:text-ember-300">
        <CheckIcon className="size-6" />
      </div>
      <h1 tabIndex={-1} ref={(heading) => heading?.focus()} className="mt-4 text-xl font-semibold outline-none">
        Your account is saved
      </h1>
      <p className="mt-2 text-ink-soft">
        You’re signed in as <strong className="font-medium break-all text-ink">{email}</strong>. Your chats and memories
        are all still here.
      </p>
      {mail === 'sent' && (
        <p className="mt-3 text-sm text-ink-faint">
          We sent a link to confirm your address. Confirming it unlocks API keys.
        </p>
      )}
      {/* A full load: every page held from the guest's visit is rendered again for the account. */}
      <a href={returnTo} className={`${buttonStyles.primary} mt-6 w-full py-3`}>
        Back to your chats
      </a>
    </AuthCard>
  );
}
