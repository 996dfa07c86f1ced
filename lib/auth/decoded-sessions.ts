import type { SessionClaims } from './session-state';

/**
 * Session cookies this process has already decoded. Decoding one (next-auth's getToken: a key
 * derivation and a JWE decryption) is on the path of every chat turn, for a cookie that stays the
 * same over a session's requests. What a cookie decodes to cannot change while the process runs
 * (its secret is fixed), so the claims are kept until the token expires. Whether the session is
 * still live is a separate check, made against the database on every use (session-state.ts).
 */
export type Decoded = { claims: SessionClaims; expiresAt: number };

const MAX_ENTRIES = 1_000;
// On globalThis: the route handlers of one process may be separate module instances.
const store = globalThis as { __hearthDecodedSessions?: Map<string, Decoded> };
const decoded = (store.__hearthDecodedSessions ??= new Map());

/** The claims the cookie decodes to, from memory while it has not expired; decode() otherwise. */
export async function decodedOnce(
  cookie: string,
  decode: () => Promise<Decoded | null>,
  now = Date.now(),
): Promise<SessionClaims | null> {
  const known = decoded.get(cookie);
  if (known && known.expiresAt > now) return known.claims;
  decoded.delete(cookie);
  const fresh = await decode();
  if (!fresh || fresh.expiresAt <= now) return fresh?.claims ?? null;
  // The oldest entry goes first (a Map keeps insertion order).
  if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  decoded.set(cookie, fresh);
  return fresh.claims;
}
