import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { checkHealth } from './health';

const KEY = 'sk-health-check-key-123456';

describe('health', () => {
  let db: Database;
  let server: FakeProviderServer;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    server = await startOpenAICompatibleServer({ apiKey: KEY });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('reports the database up with its latency, and which providers are configured', async () => {
    const health = await checkHealth({ db, env: { GROQ_API_KEY: 'x' } });
    expect(health.status).toBe('ok');
    expect(health.database).toMatchObject({ status: 'up', kind: 'pglite' });
    expect(health.database.latency_ms).toBeGreaterThanOrEqual(0);
    const configured = Object.fromEntries(health.providers.map((p) => [p.id, p.configured]));
    expect(configured).toEqual({ google: false, groq: true, openrouter: false, openai: false, local: false });
    expect(health.providers.every((p) => p.key === undefined)).toBe(true);
  });

  it('reports, per language, who transcribes a call and who speaks its replies', async () => {
    const none = await checkHealth({ db, env: {} });
    expect(none.speech['fr-FR']).toEqual({ stt: null, tts: null });
    const both = await checkHealth({ db, env: { GROQ_API_KEY: 'x', OPENAI_API_KEY: 'y' } });
    expect(Object.keys(both.speech)).toEqual(['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT']);
    expect(both.speech['nl-NL']).toEqual({ stt: 'groq', tts: 'openai' });
  });

  it('checks keys only when asked, caches the answer, and never prints the key', async () => {
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url, LOCAL_LLM_BASE_URL: server.url, LOCAL_LLM_API_KEY: 'wrong-key-abcdef' };
    const first = await checkHealth({ db, env, deep: true });
    const byId = Object.fromEntries(first.providers.map((p) => [p.id, p]));
    expect(byId.openai!.key).toMatchObject({ valid: true });
    expect(byId.local!.key).toMatchObject({ valid: false, detail: 'HTTP 401' });
    expect(JSON.stringify(first)).not.toContain(KEY);
    expect(JSON.stringify(first)).not.toContain('wrong-key-abcdef');
    const calls = server.requests.length;
    await checkHealth({ db, env, deep: true });
    expect(server.requests.length).toBe(calls);
  });

  it('is degraded when the database does not answer', async () => {
    const closed = await openDatabase({ memory: true });
    await closed.close();
    const health = await checkHealth({ db: closed });
    expect(health).toMatchObject({ status: 'degraded', database: { status: 'down' } });
  });
});
