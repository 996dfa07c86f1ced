import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '@/lib/errors';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import type { Env } from './providers';
import { mintRealtimeSession, realtimeProvider, realtimeVoice, REALTIME_SECRET_SECONDS } from './realtime';

const KEY = 'sk-realtime-test-key-0042';

describe('realtime sessions (OpenAI client secrets)', () => {
  let server: FakeProviderServer;
  let env: Env;
  beforeAll(async () => {
    server = await startOpenAICompatibleServer({ apiKey: KEY });
    env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url };
  });
  afterAll(() => server.close());

  it('mints a short-lived secret for a session with the instructions, voice and language set', async () => {
    const before = Math.floor(Date.now() / 1000);
    const session = await mintRealtimeSession({ instructions: 'You are Lucía, a warm friend.', language: 'es-ES', voice: 'calm' }, env);
    expect(session).toMatchObject({ provider: 'openai', model: 'gpt-realtime', voice: 'sage', language: 'es-ES' });
    expect(session.token).toMatch(/^ek_fake_/);
    expect(session.url).toBe(`wss://${new URL(server.url).host}/v1/realtime?model=gpt-realtime`);
    expect(session.expiresAt).toBeGreaterThanOrEqual(before + REALTIME_SECRET_SECONDS);

    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/realtime/client_secrets');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    const body = request.body as { session: { instructions: string; audio: { input: { transcription: { language: string } }; output: { voice: string } } }; expires_after: unknown };
    expect(body.expires_after).toEqual({ anchor: 'created_at', seconds: REALTIME_SECRET_SECONDS });
    expect(body.session).toMatchObject({ type: 'realtime', model: 'gpt-realtime', output_modalities: ['audio'] });
    expect(body.session.instructions).toMatch(/^You are Lucía, a warm friend\.[\s\S]*Speak Spanish \(Spain\) only/);
    expect(body.session.audio.output.voice).toBe('sage');
    expect(body.session.audio.input.transcription.language).toBe('es');
  });

  it('says when it cannot: no key, a rejected key, a refused model', async () => {
    expect(realtimeProvider({})).toBeNull();
    await expect(mintRealtimeSession({ instructions: 'x', language: 'en-US', voice: null }, {})).rejects.toMatchObject({ code: 'provider_not_configured' });
    await expect(mintRealtimeSession({ instructions: 'x', language: 'en-US', voice: null }, { ...env, OPENAI_API_KEY: 'sk-wrong-0000000' })).rejects.toThrow(
      new HearthError('provider_failed', "OpenAI rejected its API key. Check the key in the server's settings."),
    );
    await expect(mintRealtimeSession({ instructions: 'x', language: 'en-US', voice: null }, { ...env, OPENAI_REALTIME_MODEL: 'gpt-nope' })).rejects.toThrow(/OPENAI_REALTIME_MODEL/);
    await expect(mintRealtimeSession({ instructions: 'x [fail:500]', language: 'en-US', voice: null }, env)).rejects.toThrow(/could not start a realtime session/);
  });

  it('speaks with a realtime voice whatever the companion has', () => {
    expect(realtimeVoice('warm')).toBe('coral');
    expect(realtimeVoice('Cedar')).toBe('cedar');
    // TTS-only voices and other providers' voices fall back to the default.
    expect(realtimeVoice('nova')).toBe('marin');
    expect(realtimeVoice('21m00Tcm4TlvDq8ikWAM')).toBe('marin');
    expect(realtimeVoice(null)).toBe('marin');
  });
});
