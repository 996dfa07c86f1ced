import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '@/lib/errors';
import { startGeminiServer, startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import type { Env } from '@/lib/ai/providers';
import { liveVoice, mintRealtimeSession, realtimeProvider, realtimeVoice, REALTIME_SECRET_SECONDS } from './realtime';

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
    const session = await mintRealtimeSession(
      { instructions: 'You are Lucía, a warm friend.', language: 'es-ES', voice: 'calm' },
      env,
    );
    expect(session).toMatchObject({ provider: 'openai', model: 'gpt-realtime', voice: 'sage', language: 'es-ES' });
    expect(session.token).toMatch(/^ek_fake_/);
    expect(session.url).toBe(`wss://${new URL(server.url).host}/v1/realtime?model=gpt-realtime`);
    expect(session.expiresAt).toBeGreaterThanOrEqual(before + REALTIME_SECRET_SECONDS);

    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/realtime/client_secrets');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    const body = request.body as {
      session: {
        instructions: string;
        audio: { input: { transcription: { language: string } }; output: { voice: string } };
      };
      expires_after: unknown;
    };
    expect(body.expires_after).toEqual({ anchor: 'created_at', seconds: REALTIME_SECRET_SECONDS });
    expect(body.session).toMatchObject({ type: 'realtime', model: 'gpt-realtime', output_modalities: ['audio'] });
    expect(body.session.instructions).toMatch(/^You are Lucía, a warm friend\.[\s\S]*Speak Spanish \(Spain\) only/);
    expect(body.session.audio.output.voice).toBe('sage');
    expect(body.session.audio.input.transcription.language).toBe('es');
  });

  it('says when it cannot: no key, a rejected key, a refused model', async () => {
    expect(realtimeProvider({})).toBeNull();
    expect(realtimeProvider({ OPENAI_API_KEY: 'o', GOOGLE_GENERATIVE_AI_API_KEY: 'g' })).toBe('openai');
    expect(
      realtimeProvider({ OPENAI_API_KEY: 'o', GOOGLE_GENERATIVE_AI_API_KEY: 'g', SPEECH_PROVIDER: 'google' }),
    ).toBe('google');
    await expect(mintRealtimeSession({ instructions: 'x', language: 'en-US', voice: null }, {})).rejects.toMatchObject({
      code: 'provider_not_configured',
    });
    await expect(
      mintRealtimeSession(
        { instructions: 'x', language: 'en-US', voice: null },
        { ...env, OPENAI_API_KEY: 'sk-wrong-0000000' },
      ),
    ).rejects.toThrow(
      new HearthError('provider_failed', "OpenAI rejected its API key. Check the key in the server's settings."),
    );
    await expect(
      mintRealtimeSession(
        { instructions: 'x', language: 'en-US', voice: null },
        { ...env, OPENAI_REALTIME_MODEL: 'gpt-nope' },
      ),
    ).rejects.toThrow(/OPENAI_REALTIME_MODEL/);
    await expect(
      mintRealtimeSession({ instructions: 'x [fail:500]', language: 'en-US', voice: null }, env),
    ).rejects.toThrow(/could not start a realtime session/);
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

describe('realtime sessions (Gemini Live ephemeral tokens)', () => {
  let server: FakeProviderServer;
  let env: Env;
  beforeAll(async () => {
    server = await startGeminiServer({ apiKey: KEY });
    env = { GOOGLE_GENERATIVE_AI_API_KEY: KEY, GOOGLE_BASE_URL: server.url };
  });
  afterAll(() => server.close());

  it('mints a single-use token with the model, instructions, voice and language locked in its setup', async () => {
    const session = await mintRealtimeSession(
      { instructions: 'You are Marco, a cheerful cook.', language: 'it-IT', voice: 'playful' },
      env,
    );
    expect(session).toMatchObject({
      provider: 'google',
      model: 'gemini-2.5-flash-native-audio-preview-09-2025',
      voice: 'Puck',
      language: 'it-IT',
    });
    expect(session.token).toMatch(/^auth_tokens\/fake_/);
    expect(session.url).toBe(
      `ws://${new URL(server.url).host}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained`,
    );
    expect(session.expiresAt).toBeGreaterThan(Date.now() / 1000);

    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1alpha/auth_tokens');
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    const body = request.body as {
      uses: number;
      newSessionExpireTime: string;
      bidiGenerateContentSetup: Record<string, unknown>;
    };
    expect(body.uses).toBe(1);
    expect(Date.parse(body.newSessionExpireTime) - Date.now()).toBeLessThanOrEqual(REALTIME_SECRET_SECONDS * 1000);
    expect(body.bidiGenerateContentSetup).toMatchObject({
      model: 'models/gemini-2.5-flash-native-audio-preview-09-2025',
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Puck' } }, languageCode: 'it-IT' },
      },
      systemInstruction: { parts: [{ text: expect.stringMatching(/^You are Marco[\s\S]*Speak Italian only/) }] },
    });
  });

  it('says when it cannot', async () => {
    await expect(
      mintRealtimeSession(
        { instructions: 'x', language: 'en-US', voice: null },
        { ...env, GOOGLE_GENERATIVE_AI_API_KEY: 'wrong' },
      ),
    ).rejects.toThrow("Google Gemini rejected its API key. Check the key in the server's settings.");
    await expect(
      mintRealtimeSession(
        { instructions: 'x', language: 'en-US', voice: null },
        { ...env, GOOGLE_REALTIME_MODEL: 'gemini-2.5-flash' },
      ),
    ).rejects.toThrow(/GOOGLE_REALTIME_MODEL/);
    await expect(
      mintRealtimeSession({ instructions: 'x [fail:503]', language: 'en-US', voice: null }, env),
    ).rejects.toThrow(/could not start a realtime session/);
  });

  it('speaks with a Gemini voice whatever the companion has', () => {
    expect(liveVoice('deep')).toBe('Gacrux');
    expect(liveVoice('kore')).toBe('Kore');
    expect(liveVoice('nova')).toBe('Sulafat');
    expect(liveVoice(null)).toBe('Sulafat');
  });
});
