import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';
import { MailIcon } from '@/components/ui/icons';

/**
 * After sign-up, whatever happened: the same words for a new address and a taken one (the owner
 * of a taken one gets an email instead). Focus moves to the heading so a screen reader hears it.
 */
export function CheckInbox({ email, mail }: { email: string; mail: 'sent' | 'unavailable' }) {
  return (
    <div className="rounded-3xl border border-line bg-raised p-6 text-center shadow-xl shadow-stone-900/5">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-ember-100 text-ember-700 dark:bg-ember-950 dark:text-ember-300">
        <MailIcon className="size-6" />
      </div>
      <h1 tabIndex={-1} ref={(heading) => heading?.focus()} className="mt-4 text-xl font-semibold outline-none">
        {mail === 'sent' ? 'Check your inbox' : 'Almost there'}
      </h1>
      {mail === 'sent' ? (
        <p className="mt-2 text-ink-soft">
          We sent a message to <strong className="font-medium break-all text-ink">{email}</strong>. Open the link in it
          to confirm your address.
        </p>
      ) : (
        <p className="mt-2 text-ink-soft">
          If <strong className="font-medium break-all text-ink">{email}</strong> was new here, your account is ready.
        </p>
      )}
      <p className="mt-3 text-sm text-ink-faint">
        You can sign in with your password right away
        {mail === 'sent' ? '. Confirming your address unlocks API keys' : ''}.
      </p>
      <Link href="/signin" className={`${buttonStyles.primary} mt-6 w-full py-3`}>
        Sign in
      </Link>
    </div>
  );
}
