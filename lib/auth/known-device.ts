import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A browser that has signed in to an account before, remembered in a signed cookie (OWASP's
 * "device cookie"): the sign-in throttle counts its attempts apart from the account's, so someone
 * guessing an account's password from elsewhere cannot lock its owner out of the browsers they
 * use. The cookie holds a random device id and a keyed tag per account (never the email), at most
 * a few accounts, and is sent only to the sign-in callback.
 */
export const KNOWN_DEVICE_COOKIE = 'hearth-known-device';
const MAX_ACCOUNTS = 5;
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

type Payload = { d: string; a: string[] };

/** The device id, when the cookie is genuine and names this account; else null. */
export function knownDeviceFor(cookieHeader: string | null, email: string, secret: string): string | null {
  const payload = readCookie(cookieHeader, secret);
  return payload?.a.includes(accountTag(email, secret)) ? payload.d : null;
}

/** The Set-Cookie value that remembers this browser for this account (keeping up to a few others). */
export function rememberDevice(cookieHeader: string | null, email: string, secret: string, secure: boolean): string {
  const before = readCookie(cookieHeader, secret);
  const tag = accountTag(email, secret);
  const payload: Payload = {
    d: before?.d ?? randomBytes(16).toString('base64url'),
    a: [tag, ...(before?.a ?? []).filter((t) => t !== tag)].slice(0, MAX_ACCOUNTS),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const value = `${body}.${sign(body, secret)}`;
  return `${KNOWN_DEVICE_COOKIE}=${value}; Path=/api/auth/callback; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function readCookie(cookieHeader: string | null, secret: string): Payload | null {
  const raw = (cookieHeader ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .find((pair) => pair.startsWith(`${KNOWN_DEVICE_COOKIE}=`))
    ?.slice(KNOWN_DEVICE_COOKIE.length + 1);
  const [body, signature] = raw?.split('.') ?? [];
  if (!body || !signature) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    return typeof payload.d === 'string' && Array.isArray(payload.a) ? payload : null;
  } catch {
    return null;
  }
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`known-device:${body}`).digest('base64url');
}

function accountTag(email: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`known-device-account:${email.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22);
}
