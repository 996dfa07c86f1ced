/** The mail Hearth sends: short, friendly, one clear action each. Text and a plain HTML twin. */
export type MailMessage = { to: string; subject: string; text: string; html: string };

const VERIFY_HOURS = 24;

type Greeting = { to: string; name: string | null };

export function verifyEmailMessage({ to, name, link }: Greeting & { link: string }): MailMessage {
  return compose(to, 'Confirm your email for Hearth', name, [
    'Welcome to Hearth! Please confirm that this is your email address:',
    { link, label: 'Confirm my email' },
    `The link works for ${VERIFY_HOURS} hours. If you didn’t create an account, you can ignore this email.`,
  ]);
}

export function resetPasswordMessage({ to, name, link }: Greeting & { link: string }): MailMessage {
  return compose(to, 'Reset your Hearth password', name, [
    'Someone (hopefully you) asked to reset the password of your Hearth account. Choose a new one here:',
    { link, label: 'Choose a new password' },
    'The link works once, for one hour. If you didn’t ask, ignore this email: your password stays as it is.',
  ]);
}

/** To the owner of an address someone tried to sign up with: the sign-up page itself never says. */
export function signUpAttemptMessage({ to, name, origin }: Greeting & { origin: string }): MailMessage {
  return compose(to, 'Someone tried to sign up with your email', name, [
    'Someone just tried to create a Hearth account with this email address, but you already have one.',
    'If it was you, sign in:',
    { link: `${origin}/signin`, label: 'Sign in' },
    'Forgot your password? You can choose a new one:',
    { link: `${origin}/forgot-password`, label: 'Reset my password' },
    'If it wasn’t you, there’s nothing to do: your account is safe.',
  ]);
}

export function passwordChangedMessage({ to, name, origin }: Greeting & { origin: string }): MailMessage {
  return compose(to, 'Your Hearth password was changed', name, [
    'The password of your Hearth account was just changed, and your other devices were signed out.',
    'If this wasn’t you, choose a new password right away:',
    { link: `${origin}/forgot-password`, label: 'Reset my password' },
  ]);
}

type Part = string | { link: string; label: string };

function compose(to: string, subject: string, name: string | null, parts: Part[]): MailMessage {
  const hello = name ? `Hi ${name},` : 'Hi,';
  const text = [hello, ...parts.map((part) => (typeof part === 'string' ? part : part.link)), '— Hearth'].join('\n\n');
  const html = [
    `<p>${escapeHtml(hello)}</p>`,
    ...parts.map((part) =>
      typeof part === 'string'
        ? `<p>${escapeHtml(part)}</p>`
        : `<p><a href="${escapeHtml(part.link)}" style="display:inline-block;padding:10px 18px;border-radius:999px;background:#c2410c;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(part.label)}</a></p>` +
          `<p style="font-size:12px;color:#78716c">Or paste this into your browser: ${escapeHtml(part.link)}</p>`,
    ),
    '<p>— Hearth</p>',
  ].join('\n');
  return {
    to,
    subject,
    text,
    html: `<div style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1c1917;max-width:520px">${html}</div>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
