import { HearthError } from '@/lib/errors';
import { takeSignUpQuota } from '@/lib/rate-limit';
import { UNIDENTIFIED } from '@/lib/rate-limit/client-address';
import { currentAuthRequest } from './auth-request';
import { verifyHumanCheck } from './human-check';
import { createGuest, registrationOpen, type SessionUser } from './users';

/**
 * "Continue as guest": the one place a guest account is made, reached only through next-auth's
 * guest provider (POST /api/auth/callback/guest, whatever follows it in the path: next-auth reads
 * the provider from the second segment). Closed when REGISTRATION_OPEN=false; with Turnstile
 * configured, the browser must pass its check; then the client address's guest budget is taken,
 * after everything else has passed, so refused requests spend none of it.
 */
export async function startGuest(input: Record<string, unknown> | undefined): Promise<SessionUser> {
  if (!registrationOpen())
    throw new HearthError('forbidden', 'New accounts, guests included, are closed on this server.');
  const address = currentAuthRequest()?.address ?? UNIDENTIFIED;
  await verifyHumanCheck(input?.humanCheck, { address, action: 'guest' });
  await takeSignUpQuota(address, 'guest');
  return createGuest();
}
