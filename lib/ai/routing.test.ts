import { describe, expect, it } from 'vitest';
import { OFFLINE_MODEL } from './registry';
import {
  modelCandidates,
  modelRefusal,
  nsfwProviders,
  nsfwUnconfigured,
  preferredModel,
  routingNotice,
} from './routing';

const companion = {
  name: 'Ada',
  defaultModel: 'google/gemini-2.5-flash',
  fallbackModels: ['groq/llama-3.3-70b-versatile', 'openrouter/meta-llama/llama-3.3-70b-instruct'],
  nsfw: false,
};
const mature = { ...companion, name: 'Velvet', nsfw: true };
const everything = {
  GOOGLE_GENERATIVE_AI_API_KEY: 'g',
  GROQ_API_KEY: 'q',
  OPENROUTER_API_KEY: 'o',
  OPENAI_API_KEY: 'a',
};

describe('model candidates', () => {
  it("tries the conversation's model, then the companion's default and fallbacks, once each", () => {
    const ids = modelCandidates({ conversationModel: 'groq/llama-3.3-70b-versatile', companion }, everything);
    expect(ids).toEqual([
      'groq/llama-3.3-70b-versatile',
      'google/gemini-2.5-flash',
      'openrouter/meta-llama/llama-3.3-70b-instruct',
    ]);
  });

  it('puts a model asked for this message first', () => {
    const ids = modelCandidates(
      { requested: 'openai/gpt-4o-mini', conversationModel: 'google/gemini-2.5-flash', companion },
      everything,
    );
    expect(ids[0]).toBe('openai/gpt-4o-mini');
  });

  it('skips models whose provider is not configured, and ends on the offline model when none is', () => {
    expect(modelCandidates({ conversationModel: 'google/gemini-2.5-flash', companion }, { GROQ_API_KEY: 'q' })).toEqual(
      ['groq/llama-3.3-70b-versatile'],
    );
    expect(modelCandidates({ conversationModel: 'google/gemini-2.5-flash', companion }, {})).toEqual([OFFLINE_MODEL]);
  });

  it('refuses a requested model that is not configured with 503 and the variable to set', () => {
    expect(() =>
      modelCandidates({ requested: 'groq/llama-3.1-8b-instant', conversationModel: OFFLINE_MODEL, companion }, {}),
    ).toThrow(
      expect.objectContaining({
        type: 'provider_not_configured',
        status: 503,
        message: expect.stringContaining('GROQ_API_KEY'),
      }),
    );
  });
});

describe('NSFW companions', () => {
  it('use only the providers allowed for mature content, OpenRouter by default', () => {
    expect(nsfwProviders({})).toEqual(['openrouter']);
    expect(nsfwProviders({ NSFW_PROVIDERS: ' local, openrouter ' })).toEqual(['local', 'openrouter']);
    const ids = modelCandidates({ conversationModel: 'google/gemini-2.5-flash', companion: mature }, everything);
    expect(ids).toEqual(['openrouter/meta-llama/llama-3.3-70b-instruct']);
    expect(modelRefusal('google/gemini-2.5-flash', mature, everything)).toMatch(/only OpenRouter may answer/);
  });

  it('say so instead of falling back to another provider, the offline model included', () => {
    const env = { GOOGLE_GENERATIVE_AI_API_KEY: 'g' };
    expect(() => modelCandidates({ conversationModel: 'google/gemini-2.5-flash', companion: mature }, env)).toThrow(
      expect.objectContaining({
        type: 'provider_not_configured',
        message: 'Velvet is for mature conversations, which this server isn’t set up for yet.',
      }),
    );
    expect(preferredModel(mature, env)).toBe(mature.defaultModel);
  });

  it('do not blame an unconfigured provider when it is configured but none of their models comes from it', () => {
    const withoutOpenRouter = { ...mature, fallbackModels: ['groq/llama-3.3-70b-versatile'] };
    expect(() =>
      modelCandidates({ conversationModel: 'google/gemini-2.5-flash', companion: withoutOpenRouter }, everything),
    ).toThrow(
      expect.objectContaining({
        type: 'provider_not_configured',
        message:
          'Velvet is for mature conversations, and none of Velvet’s models may hold them here yet (only OpenRouter may).',
      }),
    );
    expect(nsfwUnconfigured(withoutOpenRouter, {})).not.toMatch(/_API_KEY|\.env|configured/);
  });

  it('explain the offline model in product language, without settings', () => {
    expect(routingNotice(OFFLINE_MODEL, companion, {})).toBe(
      'Ada is answering with Hearth’s built-in offline model for now: friendly, but not very deep.',
    );
    expect(routingNotice('google/gemini-2.5-flash', companion, everything)).toBeNull();
  });

  it('leave other companions alone', () => {
    expect(preferredModel(companion, { GROQ_API_KEY: 'q' })).toBe('groq/llama-3.3-70b-versatile');
    expect(preferredModel(companion, {})).toBe(OFFLINE_MODEL);
  });
});
