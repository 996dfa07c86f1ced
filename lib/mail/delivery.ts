import { getConfig, type Config } from '@/lib/config';

/**
 * How mail leaves this server:
 * - smtp: through the SMTP server the settings name;
 * - log: printed to the server log, links included (development, or MAIL_TO_LOG=1);
 * - off: not at all (production without SMTP): verification and password reset are unavailable.
 * With SMTP and MAIL_TO_LOG=1 a message goes both ways.
 */
export type MailDelivery =
  { mode: 'smtp'; alsoLog: boolean } | { mode: 'log' } | { mode: 'off'; reason: 'no_smtp' | 'no_origin' };

export function mailDelivery(config: Config = getConfig()): MailDelivery {
  const { mail } = config;
  if (mail.smtp) {
    // In production a link's host must come from the settings: the Host of the request that asked
    // for a reset is the asker's to choose, and the link would lead the victim to their site.
    if (mail.production && !config.auth.url && !config.platform.vercel) return { mode: 'off', reason: 'no_origin' };
    return { mode: 'smtp', alsoLog: mail.toLog };
  }
  if (mail.toLog || !mail.production) return { mode: 'log' };
  return { mode: 'off', reason: 'no_smtp' };
}

/** Whether this server can send verification and password-reset links at all. */
export function mailAvailable(config: Config = getConfig()): boolean {
  return mailDelivery(config).mode !== 'off';
}

/**
 * The origin links in mail point to: NEXTAUTH_URL, else the Vercel deployment's own URL, else
 * (development only: mailDelivery is off in production without one) the origin the request came to.
 */
export function linkOrigin(requestOrigin: string, config: Config = getConfig()): string {
  if (config.auth.url) return new URL(config.auth.url).origin;
  if (config.platform.vercel && config.platform.vercelUrl) return `https://${config.platform.vercelUrl}`;
  return new URL(requestOrigin).origin;
}
