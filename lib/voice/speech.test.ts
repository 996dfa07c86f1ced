import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '@/lib/errors';
import {
  SPEECH_MS_PER_CHAR,
  startElevenLabsServer,
  startGeminiServer,
  startOpenAICompatibleServer,
  type ElevenLabsServer,
  type FakeProviderServer,
} from '@/lib/testing/fake-providers';
import type { Env } from '@/lib/ai/providers';
import {
  PCM_MEDIA_TYPE,
  PCM_SAMPLE_RATE,
  providerVoice,
  speechAvailability,
  speechProvider,
  synthesizeSpeech,
  voiceFor,
} from './speech';

const KEY = 'sk-speech-test-key-0042';
const TEXT = 'Hello there, how are you today?';

/** The WAV's sample rate and length in seconds, read from its header. */
function wavInfo(audio: Uint8Array): { sampleRate: number; seconds: number } {
  const view = new DataView(audio.buffer, audio.byteOffset, audio.byteLength);
  expect(new TextDecoder().decode(audio.subarray(0, 4))).toBe('RIFF');
  expect(new TextDecoder().decode(audio.subarray(8, 12))).toBe('WAVE');
  const sampleRate = view.getUint32(24, true);
  const dataBytes = view.getUint32(40, true);
  return { sampleRate, seconds: dataBytes / 2 / sampleRate };
}

/** Rejects with the HearthError the promise throws. */
async function failure(promise: Promise<unknown>): Promise<HearthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

describe('which provider speaks', () => {
  it('takes SPEECH_PROVIDER when it is configured, else OpenAI, ElevenLabs, Google in that order', () => {
    expect(speechProvider({})).toBeNull();
    expect(speechProvider({ GOOGLE_GENERATIVE_AI_API_KEY: 'g' })).toBe('google');
    expect(speechProvider({ GOOGLE_GENERATIVE_AI_API_KEY: 'g', ELEVENLABS_API_KEY: 'e' })).toBe('elevenlabs');
    expect(speechProvider({ GOOGLE_GENERATIVE_AI_API_KEY: 'g', ELEVENLABS_API_KEY: 'e', OPENAI_API_KEY: 'o' })).toBe(
      'openai',
    );
    expect(speechProvider({ SPEECH_PROVIDER: 'google', GOOGLE_GENERATIVE_AI_API_KEY: 'g', OPENAI_API_KEY: 'o' })).toBe(
      'google',
    );
    // Named but without its key: the order decides.
    expect(speechProvider({ SPEECH_PROVIDER: 'elevenlabs', OPENAI_API_KEY: 'o' })).toBe('openai');
    expect(speechProvider({ SPEECH_PROVIDER: 'browser', OPENAI_API_KEY: 'o' })).toBeNull();
  });

  it('reports every language with the provider, or none', () => {
    const available = speechAvailability({ ELEVENLABS_API_KEY: 'e' });
    expect(Object.keys(available)).toEqual(['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT']);
    expect(Object.values(available).every((entry) => entry.tts === 'elevenlabs')).toBe(true);
    expect(speechAvailability({})['fr-FR']).toEqual({ tts: null });
  });

  it("picks the companion's voice for the language, else its default voice, else the provider's", () => {
    const companion = { voice: 'calm', voices: { 'fr-FR': 'Zephyr' } };
    expect(voiceFor(companion, 'fr-FR')).toBe('Zephyr');
    expect(voiceFor(companion, 'de-DE')).toBe('calm');
    expect(voiceFor({ voice: null }, 'de-DE')).toBeNull();
    expect(voiceFor({ voice: null, voices: { 'de-DE': '  ' } }, 'de-DE')).toBeNull();
    expect(providerVoice('openai', 'calm')).toBe('sage');
    expect(providerVoice('google', 'Deep')).toBe('Gacrux');
    expect(providerVoice('elevenlabs', null)).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(providerVoice('openai', 'shimmer')).toBe('shimmer');
  });

  it('says which keys would add speech when none is configured', async () => {
    const error = await failure(synthesizeSpeech({ text: TEXT, language: 'en-US', voice: null }, {}));
    expect(error.code).toBe('provider_not_configured');
    expect(error.message).toMatch(/OPENAI_API_KEY, ELEVENLABS_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY/);
  });
});

describe('OpenAI text to speech', () => {
  let server: FakeProviderServer;
  let env: Env;
  beforeAll(async () => {
    server = await startOpenAICompatibleServer({ apiKey: KEY });
    env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url };
  });
  afterAll(() => server.close());

  it('speaks a sentence as playable audio whose length follows the text, and prices it', async () => {
    const speech = await synthesizeSpeech({ text: TEXT, language: 'es-ES', voice: 'warm' }, env);
    expect(speech).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini-tts',
      mediaType: 'audio/wav',
      characters: TEXT.length,
    });
    expect(wavInfo(speech.audio).seconds).toBeCloseTo((TEXT.length * SPEECH_MS_PER_CHAR) / 1000, 1);
    expect(speech.costUsd).toBeGreaterThan(0);
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/audio/speech');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toMatchObject({
      model: 'gpt-4o-mini-tts',
      input: TEXT,
      voice: 'coral',
      response_format: 'mp3',
    });
    expect((request.body as { instructions: string }).instructions).toMatch(/Spanish/);
  });

  it('uses OPENAI_SPEECH_MODEL, and sends tts-1 no instructions', async () => {
    const speech = await synthesizeSpeech(
      { text: TEXT, language: 'en-US', voice: null },
      { ...env, OPENAI_SPEECH_MODEL: 'tts-1' },
    );
    expect(speech.model).toBe('tts-1');
    expect(speech.costUsd).toBeCloseTo((TEXT.length * 15) / 1e6, 8);
    expect(server.requests.at(-1)!.body).not.toHaveProperty('instructions');
  });

  it('reports a rejected key, a rate limit and an outage as HearthErrors', async () => {
    const rejected = await failure(
      synthesizeSpeech(
        { text: TEXT, language: 'en-US', voice: null },
        { ...env, OPENAI_API_KEY: 'sk-wrong-key-123456' },
      ),
    );
    expect([rejected.code, rejected.message]).toEqual([
      'provider_failed',
      "OpenAI rejected its API key. Check the key in the server's settings.",
    ]);
    expect(rejected.message).not.toContain('sk-wrong');

    const limited = await failure(
      synthesizeSpeech({ text: `${TEXT} [fail:429]`, language: 'en-US', voice: null }, env),
    );
    expect([limited.code, limited.status, limited.message]).toEqual([
      'rate_limited',
      429,
      'OpenAI is busy (rate limited). Try again in 1 seconds.',
    ]);

    const outage = await failure(synthesizeSpeech({ text: `${TEXT} [fail:500]`, language: 'en-US', voice: null }, env));
    expect([outage.code, outage.status, outage.message]).toEqual([
      'provider_failed',
      502,
      'OpenAI had a problem on its side. Try again.',
    ]);
  });

  it("speaks in the provider's default voice when it refuses the companion's (one meant for another provider)", async () => {
    const speech = await synthesizeSpeech({ text: TEXT, language: 'en-US', voice: 'Rachel' }, env);
    expect(wavInfo(speech.audio).seconds).toBeGreaterThan(1);
    expect(
      server.requests.slice(-2).map((request) => [(request.body as { voice: string }).voice, request.path]),
    ).toEqual([
      ['Rachel', '/v1/audio/speech'],
      ['coral', '/v1/audio/speech'],
    ]);
    // A refusal with the default voice itself is reported.
    const refused = await failure(
      synthesizeSpeech({ text: `${TEXT} [fail:400]`, language: 'en-US', voice: null }, env),
    );
    expect(refused.message).toMatch(/could not speak this with the chosen voice or model/);
  });

  it('refuses empty and overlong text before calling the provider', async () => {
    const before = server.requests.length;
    expect((await failure(synthesizeSpeech({ text: '  ', language: 'en-US', voice: null }, env))).code).toBe(
      'bad_request',
    );
    expect(
      (await failure(synthesizeSpeech({ text: 'a'.repeat(1001), language: 'en-US', voice: null }, env))).code,
    ).toBe('bad_request');
    expect(server.requests.length).toBe(before);
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const pending = synthesizeSpeech(
      { text: `${TEXT} [slow]`, language: 'en-US', voice: null, signal: controller.signal },
      env,
    );
    setTimeout(() => controller.abort(new Error('barge-in')), 50);
    const started = performance.now();
    await expect(pending).rejects.toThrow('barge-in');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('ElevenLabs text to speech', () => {
  let server: ElevenLabsServer;
  let env: Env;
  beforeAll(async () => {
    server = await startElevenLabsServer({ apiKey: KEY });
    env = { ELEVENLABS_API_KEY: KEY, ELEVENLABS_BASE_URL: server.url };
  });
  afterAll(() => server.close());

  it('sends the voice id in the path, the key in xi-api-key and the language to a v2.5 model', async () => {
    const speech = await synthesizeSpeech({ text: TEXT, language: 'de-DE', voice: 'deep' }, env);
    expect(speech).toMatchObject({
      provider: 'elevenlabs',
      model: 'eleven_flash_v2_5',
      mediaType: 'audio/wav',
      characters: TEXT.length,
    });
    expect(speech.costUsd).toBeCloseTo((TEXT.length * 0.05) / 1000, 8);
    expect(wavInfo(speech.audio).seconds).toBeGreaterThan(1);
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/text-to-speech/pNInz6obpgDQGcFmaJgB');
    expect(request.headers['xi-api-key']).toBe(KEY);
    expect(request.query.output_format).toBe('mp3_44100_128');
    expect(request.body).toMatchObject({ text: TEXT, model_id: 'eleven_flash_v2_5', language_code: 'de' });
  });

  it('sends no language to a model that cannot take one (the real API refuses it)', async () => {
    const speech = await synthesizeSpeech(
      { text: TEXT, language: 'it-IT', voice: '21m00Tcm4TlvDq8ikWAM' },
      { ...env, ELEVENLABS_MODEL: 'eleven_multilingual_v2' },
    );
    expect(speech.model).toBe('eleven_multilingual_v2');
    expect(server.requests.at(-1)!.body).not.toHaveProperty('language_code');
  });

  it('reports a rejected key, and speaks an unknown voice in the default one', async () => {
    const rejected = await failure(
      synthesizeSpeech({ text: TEXT, language: 'en-US', voice: null }, { ...env, ELEVENLABS_API_KEY: 'wrong' }),
    );
    expect(rejected.message).toBe("ElevenLabs rejected its API key. Check the key in the server's settings.");
    await synthesizeSpeech({ text: TEXT, language: 'en-US', voice: 'nobody' }, env);
    expect(server.requests.slice(-2).map((request) => request.path)).toEqual([
      '/v1/text-to-speech/nobody',
      '/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL',
    ]);
  });
});

describe('Gemini text to speech', () => {
  let server: FakeProviderServer;
  let env: Env;
  beforeAll(async () => {
    server = await startGeminiServer({ apiKey: KEY });
    env = { GOOGLE_GENERATIVE_AI_API_KEY: KEY, GOOGLE_BASE_URL: server.url };
  });
  afterAll(() => server.close());

  it('asks for AUDIO with a prebuilt voice and the language, and wraps the 24 kHz PCM in a WAV', async () => {
    const speech = await synthesizeSpeech({ text: TEXT, language: 'nl-NL', voice: 'playful' }, env);
    expect(speech).toMatchObject({ provider: 'google', model: 'gemini-2.5-flash-preview-tts', mediaType: 'audio/wav' });
    const info = wavInfo(speech.audio);
    expect(info.sampleRate).toBe(24_000);
    expect(info.seconds).toBeCloseTo((TEXT.length * SPEECH_MS_PER_CHAR) / 1000, 1);
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash-preview-tts:generateContent');
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    expect(request.body).toMatchObject({
      contents: [{ parts: [{ text: TEXT }] }],
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Puck' } }, languageCode: 'nl-NL' },
      },
    });
  });

  it('reports an outage and a rate limit', async () => {
    const outage = await failure(synthesizeSpeech({ text: `${TEXT} [fail:503]`, language: 'en-US', voice: null }, env));
    expect(outage.message).toBe('Google Gemini had a problem on its side. Try again.');
    const limited = await failure(
      synthesizeSpeech({ text: `${TEXT} [fail:429]`, language: 'en-US', voice: null }, env),
    );
    expect(limited.code).toBe('rate_limited');
  });
});

describe('raw samples for a call’s own audio track', () => {
  const servers: { close(): Promise<void> | void }[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it('asks each provider for 24 kHz PCM and hands back the samples without a header', async () => {
    const openai = await startOpenAICompatibleServer({ apiKey: KEY });
    const elevenlabs = await startElevenLabsServer({ apiKey: KEY });
    const gemini = await startGeminiServer({ apiKey: KEY });
    servers.push(openai, elevenlabs, gemini);
    const envs: Record<string, Env> = {
      openai: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url },
      elevenlabs: { ELEVENLABS_API_KEY: KEY, ELEVENLABS_BASE_URL: elevenlabs.url },
      google: { GOOGLE_GENERATIVE_AI_API_KEY: KEY, GOOGLE_BASE_URL: gemini.url },
    };
    for (const [provider, env] of Object.entries(envs)) {
      const speech = await synthesizeSpeech({ text: TEXT, language: 'en-US', voice: null, format: 'pcm' }, env);
      expect(speech).toMatchObject({ provider, mediaType: PCM_MEDIA_TYPE });
      expect(new TextDecoder().decode(speech.audio.subarray(0, 4))).not.toBe('RIFF');
      const seconds = speech.audio.length / 2 / PCM_SAMPLE_RATE;
      expect(seconds, provider).toBeCloseTo((TEXT.length * SPEECH_MS_PER_CHAR) / 1000, 1);
    }
    expect((openai.requests.at(-1)!.body as { response_format: string }).response_format).toBe('pcm');
    expect(elevenlabs.requests.at(-1)!.query.output_format).toBe('pcm_24000');
  });
});
