import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { HearthError } from '@/lib/errors';
import { UNIDENTIFIED } from '@/lib/rate-limit/client-address';

/** Which form the check guarded: the widget is rendered with it, and siteverify echoes it back. */
export type HumanCheckAction = 'signup' | 'guest';

const TIMEOUT_MS = 5_000;
const MAX_TOKEN_LENGTH = 2048;

const siteverifyAnswer = z.object({
  success: z.boolean(),
  action: z.string().optional(),
  'error-codes': z.array(z.string()).optional(),
});

/** The site key for the browser's widget, when the human check is on (TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY). */
export function humanCheckSiteKey(): string | null {
  return getConfig().humanCheck?.siteKey ?? null;
}

/**
 * Cloudflare Turnstile's verdict on the token the widget gave the browser, when the check is
 * configured (nothing to do otherwise). Fails closed: no token, a refused one, one made for another
 * form, or a siteverify that does not answer properly all refuse. The token is single-use.
 */
export async function verifyHumanCheck(
  token: unknown,
  context: { address: string; action: HumanCheckAction },
): Promise<void> {
  const config = getConfig().humanCheck;
  if (!config) return;
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw new HearthError('bad_request', 'Complete the check that you are a person, then try again.', {
      param: 'humanCheck',
    });
  }
  const form = new URLSearchParams({ secret: config.secretKey, response: token });
  if (context.address !== UNIDENTIFIED && !context.address.includes('/')) form.set('remoteip', context.address);

  let answer: z.infer<typeof siteverifyAnswer>;
  try {
    const response = await fetch(config.verifyUrl, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`siteverify answered ${response.status}`);
    answer = siteverifyAnswer.parse(await response.json());
  } catch (error) {
    console.warn('[human-check] Turnstile siteverify failed:', (error as Error).message);
    throw new HearthError(
      'unavailable',
      'The check that you are a person cannot be confirmed right now. Try again in a moment.',
    );
  }
  if (!answer.success || (answer.action && answer.action !== context.action)) {
    throw new HearthError('bad_request', 'The check that you are a person did not pass or has expired. Try it again.', {
      param: 'humanCheck',
    });
  }
}
