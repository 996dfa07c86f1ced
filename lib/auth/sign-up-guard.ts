import { HearthError } from '@/lib/errors';
import { takeSignUpQuota } from '@/lib/rate-limit';
import { signUp } from '@/lib/auth/schemas';
import { parseWith } from '@/lib/validation/parse';
import { verifyHumanCheck } from './human-check';
import { assertStrongPassword } from './password-strength';
import { registrationOpen } from './users';

/**
 * Everything a sign-up must pass before it may spend the client address's sign-up budget, in this
 * order: registration open (403), valid fields (400 naming the field), a password that is not
 * common or easy to guess (400, `param: password`), the human check when configured (400), and
 * only then the budget (429). So junk, typos and bots that fail the check spend nobody's budget;
 * a request that passes all of them counts whatever happens next (a taken address must cost the
 * same as a new one, or the budget would tell them apart), and is not given back.
 */
export async function guardSignUp(body: unknown, context: { address: string; humanCheck: unknown }): Promise<void> {
  if (!registrationOpen()) throw new HearthError('forbidden', 'Sign-up is closed on this server.');
  const input = parseWith(signUp, body);
  assertStrongPassword(input.password, [input.email, input.name]);
  await verifyHumanCheck(context.humanCheck, { address: context.address, action: 'signup' });
  await takeSignUpQuota(context.address, 'account');
}
