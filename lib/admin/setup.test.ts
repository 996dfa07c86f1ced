import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { setupChecklist } from './setup';

const checklist = (env: Record<string, string>) => {
  const all = { NODE_ENV: 'production', ...env };
  return Object.fromEntries(setupChecklist(all, loadConfig(all)).map((item) => [item.id, item]));
};

describe('the setup checklist', () => {
  it('with nothing set: the offline model, named with every key that would change it', () => {
    const items = checklist({});
    expect(items.models).toMatchObject({ state: 'attention', summary: expect.stringMatching(/offline demo model/) });
    expect(items.models!.variables).toEqual(
      expect.arrayContaining(['GOOGLE_GENERATIVE_AI_API_KEY', 'OPENAI_API_KEY', 'GROQ_API_KEY', 'OPENROUTER_API_KEY']),
    );
    for (const id of ['speech-to-text', 'text-to-speech', 'pictures', 'turnstile', 'redis', 'cron'])
      expect(items[id]!.state).toBe('optional');
    expect(items.mail).toMatchObject({ state: 'attention', variables: expect.arrayContaining(['SMTP_URL']) });
  });

  it('agrees with the modules that decide: the provider registry, voice, pictures and the configuration', () => {
    const items = checklist({
      GROQ_API_KEY: 'g',
      OPENAI_API_KEY: 'o',
      REDIS_URL: 'redis://localhost:6379',
      CRON_SECRET: 's',
      TURNSTILE_SITE_KEY: 'site',
    });
    expect(items.models).toMatchObject({ state: 'ready', summary: 'Companions answer with Groq and OpenAI.' });
    expect(items['speech-to-text']!.summary).toMatch(/Groq/);
    expect(items['text-to-speech']!.summary).toMatch(/OpenAI/);
    expect(items.pictures!.summary).toMatch(/openai\//);
    expect([items.redis!.state, items.cron!.state]).toEqual(['ready', 'ready']);
    expect(items.turnstile).toMatchObject({ state: 'attention', summary: expect.stringMatching(/TURNSTILE_SITE_KEY/) });
  });
});
