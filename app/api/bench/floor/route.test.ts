import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { parseSse } from '@/lib/testing/sse';
import { POST } from './route';

/** The bench's floor route: closed unless the bench opens it, and never towards a real provider. */
const KEY = 'sk-floor-route-key-123456';

describe('POST /api/bench/floor', () => {
  let provider: FakeProviderServer;
  beforeAll(async () => {
    provider = await startOpenAICompatibleServer({ apiKey: KEY, scenario: { text: 'Floor words here' } });
    vi.stubEnv('OPENAI_API_KEY', KEY);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await provider?.close();
  });

  const ask = () =>
    POST(
      new Request('http://127.0.0.1/api/bench/floor', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      }),
    );

  it('is not found without HEARTH_BENCH_FLOOR=1', async () => {
    vi.stubEnv('HEARTH_BENCH_FLOOR', '');
    vi.stubEnv('OPENAI_BASE_URL', provider.url);
    const response = await ask();
    expect(response.status).toBe(404);
    expect((await response.json()).error.type).toBe('not_found_error');
  });

  it('is not found when the OpenAI base URL is not on the loopback, so it can never spend a real key', async () => {
    vi.stubEnv('HEARTH_BENCH_FLOOR', '1');
    vi.stubEnv('OPENAI_BASE_URL', 'https://api.openai.com/v1');
    expect((await ask()).status).toBe(404);
    expect(provider.requests.length).toBe(0);
  });

  it('streams the loopback provider as the UI message stream when the bench opens it', async () => {
    vi.stubEnv('HEARTH_BENCH_FLOOR', '1');
    vi.stubEnv('OPENAI_BASE_URL', provider.url);
    const response = await ask();
    expect(response.status).toBe(200);
    const parts = parseSse(await response.text())
      .map(({ data }) => data)
      .filter((data) => data !== '[DONE]')
      .map((data) => JSON.parse(data) as { type: string; delta?: string });
    const text = parts
      .filter((p) => p.type === 'text-delta')
      .map((p) => p.delta)
      .join('');
    expect(text).toBe('Floor words here');
    expect(parts.at(-1)?.type).toBe('finish');
  });
});
