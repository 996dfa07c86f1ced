/**
 * How many requests and messages each kind of caller gets, from the environment. Each role's limit
 * is its own variable when set (…_GUEST, …_USER, …_ADMIN), else derived from the base variable:
 * guests half of it, users all of it, admins ten times it. Per client address limits apply to
 * guests and users (never to admins, so a crowd behind one address cannot lock out the person who
 * runs the server). A limit of 0 switches that limit off. Values that are not whole numbers fall
 * back to the default.
 */
export type Tier = 'guest' | 'user' | 'admin';

type PerTier = Record<Tier, number> & { perAddress: number };

export type RateLimitConfig = {
  /** Every request to the REST API, the web chat and server actions, per user (and API key) and per address. */
  requestsPerMinute: PerTier;
  /** Messages a companion is asked to answer, on every entry point, per user and per address. */
  messagesPerHour: PerTier;
  /** New accounts (guest sessions and email sign-ups) per address. */
  signUpsPerHour: number;
};

export type Env = Record<string, string | undefined>;

export const DEFAULT_LIMITS = {
  requestsPerMinute: 60,
  requestsPerMinutePerAddress: 300,
  messagesPerHour: 100,
  messagesPerHourPerAddress: 300,
  signUpsPerHour: 20,
} as const;

export function rateLimitConfig(env: Env = process.env): RateLimitConfig {
  // API_RATE_LIMIT_PER_MINUTE was the REST API's only limit; it still sets the base when the new name is absent.
  const requestsBase =
    whole(env.RATE_LIMIT_REQUESTS_PER_MINUTE) ??
    whole(env.API_RATE_LIMIT_PER_MINUTE) ??
    DEFAULT_LIMITS.requestsPerMinute;
  const messagesBase = whole(env.RATE_LIMIT_MESSAGES_PER_HOUR) ?? DEFAULT_LIMITS.messagesPerHour;
  return {
    requestsPerMinute: {
      ...perTier(env, 'RATE_LIMIT_REQUESTS_PER_MINUTE', requestsBase),
      perAddress: whole(env.RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP) ?? DEFAULT_LIMITS.requestsPerMinutePerAddress,
    },
    messagesPerHour: {
      ...perTier(env, 'RATE_LIMIT_MESSAGES_PER_HOUR', messagesBase),
      perAddress: whole(env.RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP) ?? DEFAULT_LIMITS.messagesPerHourPerAddress,
    },
    signUpsPerHour: whole(env.RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP) ?? DEFAULT_LIMITS.signUpsPerHour,
  };
}

export function perTier(env: Env, name: string, base: number): Record<Tier, number> {
  return {
    guest: whole(env[`${name}_GUEST`]) ?? Math.ceil(base / 2),
    user: whole(env[`${name}_USER`]) ?? base,
    admin: whole(env[`${name}_ADMIN`]) ?? base * 10,
  };
}

/** A whole number of at least 0, or undefined for anything else (unset, empty, 1.5, "lots"). */
export function whole(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  // The database counts in 32-bit integers; anything near that is "no practical limit" anyway.
  return Number.isSafeInteger(n) && n >= 0 ? Math.min(n, 2_000_000_000) : undefined;
}

export function tierOf(caller: { role: 'user' | 'admin'; isGuest?: boolean }): Tier {
  if (caller.role === 'admin') return 'admin';
  return caller.isGuest ? 'guest' : 'user';
}
