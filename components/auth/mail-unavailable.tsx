import Link from 'next/link';
import { AuthCard, linkStyle } from './card';

/** Where this server cannot send mail (production without SMTP): said plainly, with the way back. */
export function MailUnavailable({ title, message }: { title: string; message: string }) {
  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-3 text-ink-soft">{message}</p>
      <p className="mt-5 text-sm">
        <Link href="/signin" className={linkStyle}>
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
