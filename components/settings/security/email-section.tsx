import { CheckIcon } from '@/components/ui/icons';
import { ResendVerificationButton } from './resend-verification-button';
import { Section } from './section';

type Props = { email: string | null; verified: boolean; isGuest: boolean; canMail: boolean };

/** The address and whether it is confirmed; what confirming unlocks, and a new link. */
export function EmailSection({ email, verified, isGuest, canMail }: Props) {
  if (isGuest || !email) {
    return (
      <Section id="email" title="Email address">
        <p className="text-sm text-ink-soft">
          Guest accounts have no email address or password. Create an account to keep your conversations safe and reach
          them from anywhere.
        </p>
      </Section>
    );
  }
  return (
    <Section id="email" title="Email address">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="font-medium break-all">{email}</span>
        {verified ? (
          <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
            <CheckIcon className="size-3.5" /> Confirmed
          </span>
        ) : (
          <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            Not confirmed yet
          </span>
        )}
      </div>
      {!verified && (
        <div className="mt-3 space-y-3">
          <p className="text-sm text-ink-soft">
            Confirm your address to create API keys, and so that Hearth knows this address is yours. Until then you can
            keep chatting as usual.
          </p>
          {canMail ? (
            <ResendVerificationButton />
          ) : (
            <p className="text-sm text-ink-faint">
              This server can’t send email, so addresses can’t be confirmed here. Ask the person who runs it.
            </p>
          )}
        </div>
      )}
    </Section>
  );
}
