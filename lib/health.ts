import { createHash, timingSafeEqual } from 'node:crypto';
import { REMOTE_PROVIDERS, type Env } from '@/lib/ai/providers';
import { speechAvailability, type SpeechProvider } from '@/lib/voice/speech';
import { transcriptionProvider, type TranscriptionProvider } from '@/lib/voice/transcription';
import { sessionFromRequest } from '@/lib/auth/session';
import { loadUser } from '@/lib/auth/users';
import { currentProblems, healthToken, type Problem } from '@/lib/config';
import { getDb, type Database } from '@/lib/db';
import { HearthError } from '@/lib/errors';
import { LANGUAGES, type Language } from '@/lib/languages';

export type ProviderHealth = {
  id: string;
  name: string;
  configured: boolean;
  /** Only with a deep check of a configured provider: whether its key was accepted. */
  key?: { valid: boolean; checked_at: string; detail?: string };
};

/**
 * down: the database cannot be reached. degraded: the configuration has problems, or a deep check
 * found a provider's key refused. ok: neither. Anonymous callers see only this.
 */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export type Health = {
  status: HealthStatus;
  database: { status: 'up' | 'down'; kind?: 'pglite' | 'postgres'; latency_ms?: number; error?: string };
  providers: ProviderHealth[];
  /**
   * Calls, per language: who transcribes speech (`stt`) and who speaks the replies (`tts`); null
   * means typed input, or the browser's own voice.
   */
  speech: Record<Language, { stt: TranscriptionProvider | null; tts: SpeechProvider | null }>;
  /** What lib/config found wrong with this deployment's settings (warnings; refusals stop the start). */
  configuration: Problem[];
};

const KEY_CHECK_TTL_MS = 5 * 60_000;
const KEY_CHECK_TIMEOUT_MS = 5_000;
const keyChecks = new Map<string, { at: number; result: NonNullable<ProviderHealth['key']> }>();

/** The database (a timed `select 1`, a maintenance check outside any user scope), the providers and the configuration. */
export async function checkHealth({
  deep = false,
  env = process.env as Env,
  db,
  configuration = currentProblems(),
}: { deep?: boolean; env?: Env; db?: Database; configuration?: Problem[] } = {}): Promise<Health> {
  const [database, providers] = await Promise.all([checkDatabase(db), checkProviders(deep, env)]);
  const keyRefused = providers.some((provider) => provider.key && !provider.key.valid);
  const status = database.status === 'down' ? 'down' : configuration.length > 0 || keyRefused ? 'degraded' : 'ok';
  return { status, database, providers, speech: speechHealth(env), configuration };
}

/** anonymous: the status only. user: signed in, not an admin. details: an admin, or a monitor with HEALTH_TOKEN. */
export type HealthAccess = 'anonymous' | 'user' | 'details';

/**
 * Who is asking. `Authorization: Bearer <HEALTH_TOKEN>` (compared in constant time) or an
 * enabled admin's session opens the details; a wrong token is refused rather than served the
 * status alone, so that a misconfigured monitor finds out.
 */
export async function healthAccess(request: Request, token: string | undefined = healthToken()): Promise<HealthAccess> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (token && presented && sameSecret(presented, token)) return 'details';
    throw new HearthError('unauthorized', 'This token does not open the health details.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  // A session that cannot be checked because the database is down counts as none: the status only.
  const session = await sessionFromRequest(request).catch(() => null);
  if (!session) return 'anonymous';
  if (session.role !== 'admin') return 'user';
  // The database decides (a demoted or disabled admin's token still says admin); while it cannot
  // answer, the admin gets what everyone gets, `down`, rather than an error.
  const user = await loadUser(session.id).catch(() => null);
  return user?.role === 'admin' && !user.disabled ? 'details' : 'user';
}

/** Equal-length digests, so the comparison takes the same time whatever the token's length. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function speechHealth(env: Env): Health['speech'] {
  const stt = transcriptionProvider(env);
  const tts = speechAvailability(env);
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, { stt, tts: tts[language].tts }]),
  ) as Health['speech'];
}

async function checkDatabase(given?: Database): Promise<Health['database']> {
  try {
    const db = given ?? (await getDb());
    const started = performance.now();
    await db.query('select 1');
    return { status: 'up', kind: db.kind, latency_ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    console.error('[health] database check failed:', error);
    return { status: 'down', error: 'The database cannot be reached.' };
  }
}

function checkProviders(deep: boolean, env: Env): Promise<ProviderHealth[]> {
  return Promise.all(
    REMOTE_PROVIDERS.map(async (provider) => {
      const configured = Boolean(env[provider.requiredEnv]);
      const health: ProviderHealth = { id: provider.id, name: provider.label, configured };
      if (deep && configured) health.key = await checkKey(provider.id, provider.keyCheck(env));
      return health;
    }),
  );
}

/** Cached per provider and URL for five minutes; the answer never carries the key. */
async function checkKey(id: string, request: { url: string; headers: Record<string, string> }) {
  const cacheKey = `${id} ${request.url}`;
  const cached = keyChecks.get(cacheKey);
  if (cached && Date.now() - cached.at < KEY_CHECK_TTL_MS) return cached.result;
  let result: NonNullable<ProviderHealth['key']>;
  try {
    const response = await fetch(request.url, {
      headers: request.headers,
      signal: AbortSignal.timeout(KEY_CHECK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    result = response.ok
      ? { valid: true, checked_at: new Date().toISOString() }
      : { valid: false, checked_at: new Date().toISOString(), detail: `HTTP ${response.status}` };
  } catch (error) {
    const detail = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    result = { valid: false, checked_at: new Date().toISOString(), detail };
  }
  keyChecks.set(cacheKey, { at: Date.now(), result });
  return result;
}
