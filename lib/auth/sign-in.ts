import { getDb } from '@/lib/db';
import { toHearthError } from '@/lib/errors';
import { credentials as credentialsSchema } from '@/lib/auth/schemas';
import { currentAuthRequest } from './auth-request';
import { knownDeviceFor, rememberDevice } from './known-device';
import { authSecret } from './secret';
import { signInAttempt, SignInThrottle } from './sign-in-throttle';
import { verifyCredentials, type SessionUser } from './users';
import { UNIDENTIFIED } from '@/lib/rate-limit/client-address';

let throttle: SignInThrottle | undefined;

/**
 * Email and password sign-in, for next-auth's credentials provider: throttled per account (or
 * known device) and per client address before any password is checked, then checked in the same
 * time whether or not the email has an account. Null for wrong credentials (or malformed input);
 * a 429 HearthError while an attempt must wait, whose message the sign-in form shows. A success
 * clears the account's count and remembers this browser as a known device for the account.
 */
export async function signInWithPassword(
  input: unknown,
  options: { throttle?: SignInThrottle; verify?: (hash: string, password: string) => Promise<boolean> } = {},
): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const request = currentAuthRequest();
  const cookie = request?.headers.get('cookie') ?? null;
  const secret = authSecret();
  const attempt = signInAttempt(email, {
    address: request?.address ?? UNIDENTIFIED,
    deviceId: knownDeviceFor(cookie, email, secret),
    secret,
  });
  const limiter = options.throttle ?? (throttle ??= new SignInThrottle(getDb));

  await limiter.begin(attempt);
  const user = await verifyCredentials(email, password, options.verify);
  if (!user) return null;
  await limiter.succeeded(attempt);
  request?.setCookies.push(rememberDevice(cookie, email, secret, request.secure));
  return user;
}

/**
 * For next-auth's authorize(): it puts a thrown error's message in the URL the browser reads, so
 * only a message meant for people may leave (a wait, a refusal); anything else is logged and
 * replaced by the generic one.
 */
export async function withPublicErrors<T>(authorize: () => Promise<T>): Promise<T> {
  try {
    return await authorize();
  } catch (error) {
    throw new Error(toHearthError(error).message);
  }
}
