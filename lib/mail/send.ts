import { createTransport, type Transporter } from 'nodemailer';
import { after } from 'next/server';
import { getConfig, type Config, type MailConfig } from '@/lib/config';
import { mailDelivery } from './delivery';
import type { MailMessage } from './messages';

let cached: { key: string; transporter: Transporter } | undefined;

function transporter(smtp: NonNullable<MailConfig['smtp']>): Transporter {
  const key = JSON.stringify(smtp);
  if (cached?.key === key) return cached.transporter;
  // Bounded waits: a sign-up or a reset request never hangs on a mail server that does not answer.
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
  const options =
    'url' in smtp
      ? { url: smtp.url, ...timeouts }
      : {
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
          ...timeouts,
        };
  cached?.transporter.close();
  cached = { key, transporter: createTransport(options) };
  return cached.transporter;
}

function fromAddress(config: Config): string {
  if (config.mail.from) return config.mail.from;
  const host = config.auth.url ? new URL(config.auth.url).hostname : 'localhost';
  return `Hearth <no-reply@${host}>`;
}

/** Sends one message the way the settings say (lib/mail/delivery.ts); with delivery off, it is dropped with a log line. */
export async function sendMail(message: MailMessage, config: Config = getConfig()): Promise<void> {
  const delivery = mailDelivery(config);
  if (delivery.mode === 'off') {
    console.warn(`[mail] not sent (no SMTP server is configured): "${message.subject}"`);
    return;
  }
  if (delivery.mode === 'log' || delivery.alsoLog) {
    // The message carries a link that is a credential: this branch runs only in development or with MAIL_TO_LOG=1.
    console.info(
      `[mail] To: ${message.to}\n[mail] Subject: ${message.subject}\n${message.text.replace(/^/gm, '[mail] ')}`,
    );
  }
  if (delivery.mode === 'smtp') {
    await transporter(config.mail.smtp!).sendMail({ from: fromAddress(config), ...message });
  }
}

/**
 * Sends after the response: whether a message went out (and how long the mail server took) must
 * not show in the answer, which is what keeps "is this address registered?" unanswerable. In a
 * request, Next.js's after() keeps a serverless function alive until it is done; elsewhere (tests,
 * scripts) the promise simply runs on. Failures are logged, never thrown.
 */
export function sendMailLater(message: MailMessage, config: Config = getConfig()): Promise<void> {
  const sending = sendMail(message, config).catch((error: unknown) => {
    console.error(`[mail] could not send "${message.subject}":`, error instanceof Error ? error.message : error);
  });
  try {
    after(() => sending);
  } catch {
    // Outside a request scope.
  }
  return sending;
}
