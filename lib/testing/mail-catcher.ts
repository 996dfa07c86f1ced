// Imported by scripts/dev-mail.ts under plain Node too: relative imports with extensions only.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A loopback SMTP server that keeps what it receives: the tests' inbox and `npm run dev:mail`'s.
 * Real SMTP (smtp-server), real MIME parsing (mailparser): a message is read as a mail client would.
 */
export type CaughtMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  receivedAt: string;
};

export type MailCatcher = {
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  url: string;
  port: number;
  mails: CaughtMail[];
  /** The first message (already here or still to come) to this address that matches, within timeoutMs. */
  waitFor: (to: string, options?: { subject?: RegExp; after?: number; timeoutMs?: number }) => Promise<CaughtMail>;
  onMail: (listener: (mail: CaughtMail) => void) => void;
  close: () => Promise<void>;
};

export async function startMailCatcher({ port = 0 }: { port?: number } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const listeners: ((mail: CaughtMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, session, callback) {
      callback(null, { user: auth.username ?? 'anyone' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const mail: CaughtMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
            receivedAt: new Date().toISOString(),
          };
          mails.push(mail);
          for (const listener of listeners) listener(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;

  const waitFor: MailCatcher['waitFor'] = (to, { subject, after = 0, timeoutMs = 10_000 } = {}) => {
    const matches = (mail: CaughtMail, index: number) =>
      index >= after && mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject));
    const found = mails.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no mail to ${to}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms (got: ${mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'none'})`,
            ),
          ),
        timeoutMs,
      );
      listeners.push((mail) => {
        if (matches(mail, mails.indexOf(mail))) {
          clearTimeout(timer);
          resolve(mail);
        }
      });
    });
  };

  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    mails,
    waitFor,
    onMail: (listener) => listeners.push(listener),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The link in a message that leads to this path (e.g. /verify-email), and its token. */
export function linkTo(mail: CaughtMail, path: string): { url: URL; token: string } {
  const href = mail.links.find((link) => new URL(link).pathname === path);
  if (!href) throw new Error(`no link to ${path} in "${mail.subject}": ${mail.text}`);
  const url = new URL(href);
  return { url, token: url.searchParams.get('token') ?? '' };
}
