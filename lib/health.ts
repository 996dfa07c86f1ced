import { REMOTE_PROVIDERS, type Env } from '@/lib/ai/providers';
import { speechAvailability, type SpeechProvider } from '@/lib/ai/speech';
import { transcriptionProvider, type TranscriptionProvider } from '@/lib/ai/transcription';
import { getDb, type Database } from '@/lib/db';
import { LANGUAGES, type Language } from '@/lib/languages';

export type ProviderHealth = {
  id: string;
  name: string;
  configured: boolean;
  /** Only with a deep check of a configured provider: whether its key was accepted. */
  key?: { valid: boolean; checked_at: string; detail?: string };
};

export type Health = {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; kind?: 'pglite' | 'postgres'; latency_ms?: number; error?: string };
  providers: ProviderHealth[];
  /**
   * Calls, per language: who transcribes speech (`stt`) and who speaks the replies (`tts`); null
   * means typed input, or the browser's own voice.
   */
  speech: Record<Language, { stt: TranscriptionProvider | null; tts: SpeechProvider | null }>;
};

const KEY_CHECK_TTL_MS = 5 * 60_000;
const KEY_CHECK_TIMEOUT_MS = 5_000;
const keyChecks = new Map<string, { at: number; result: NonNullable<ProviderHealth['key']> }>();

/** The database (a timed `select 1`, a maintenance check outside any user scope) and the providers. */
export async function checkHealth({ deep = false, env = process.env as Env, db }: { deep?: boolean; env?: Env; db?: Database } = {}): Promise<Health> {
  const [database, providers] = await Promise.all([checkDatabase(db), checkProviders(deep, env)]);
  return { status: database.status === 'up' ? 'ok' : 'degraded', database, providers, speech: speechHealth(env) };
}

function speechHealth(env: Env): Health['speech'] {
  const stt = transcriptionProvider(env);
  const tts = speechAvailability(env);
  return Object.fromEntries(LANGUAGES.map((language) => [language, { stt, tts: tts[language].tts }])) as Health['speech'];
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
    const response = await fetch(request.url, { headers: request.headers, signal: AbortSignal.timeout(KEY_CHECK_TIMEOUT_MS) });
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
