import { APICallError } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompletion } from '@/lib/chat/completion';
import type { Database } from '@/lib/db';
import type { Queryable } from '@/lib/db/client';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { complete, scripted, words } from '@/lib/testing/scripted-model';
import { parseSse } from '@/lib/testing/sse';
import { completionRequest, type CompletionRequest } from '@/lib/chat/completion-schemas';
import { completionChunksResponse, completionJson } from './completion-chunks';

type ApiUsageRow = {
  model: string;
  status: string;
  inputTokens: number | null;
  outputTokens: number | null;
  createdAt: Date;
};

/** The caller's recorded completions, newest first. */
function listApiUsage(tx: Queryable, limit = 100): Promise<ApiUsageRow[]> {
  return tx.query<ApiUsageRow>(
    `select model, status, input_tokens as "inputTokens", output_tokens as "outputTokens", created_at as "createdAt"
       from hearth.api_usage order by created_at desc limit $1`,
    [limit],
  );
}

type Chunk = {
  object: string;
  model: string;
  choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: object;
};

const request = (input: Record<string, unknown>): CompletionRequest => completionRequest.parse(input);

describe.each(TEST_DATABASES)('OpenAI-compatible completions on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'completions');
  });
  afterAll(() => db?.close());

  const usageRows = () => withUser(user, (tx) => listApiUsage(tx), db);

  it('streams chunks, with the finish reason and usage in the last, then [DONE]; usage is recorded', async () => {
    const input = request({ model: 'companion/lucia', stream: true, messages: [{ role: 'user', content: 'Hi!' }] });
    const completion = await startCompletion(user, input, { db, model: scripted(complete('Hello there friend')) });
    const events = parseSse(await completionChunksResponse(completion).text());

    expect(events.at(-1)).toEqual({ event: null, data: '[DONE]' });
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data) as Chunk);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]!.choices[0]).toMatchObject({ delta: { role: 'assistant', content: '' }, finish_reason: null });
    expect(chunks.map((c) => c.choices[0]!.delta.content ?? '').join('')).toBe('Hello there friend');
    expect(chunks.at(-1)).toMatchObject({
      choices: [{ delta: {}, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
    });
    expect(chunks.slice(0, -1).some((c) => c.usage)).toBe(false);
    expect((await usageRows())[0]).toMatchObject({ status: 'complete', inputTokens: 10, outputTokens: 3 });
  });

  it("speaks with the companion's persona for companion/<slug>, and with none for a plain model id", async () => {
    const prompts: { role: string; content: unknown }[][] = [];
    const recording = () =>
      new MockLanguageModelV4({
        doStream: async (options) => {
          prompts.push(options.prompt as { role: string; content: unknown }[]);
          return { stream: simulateReadableStream({ chunks: complete('ok ') }) };
        },
      });
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'assistant', content: 'Hi' },
      { role: 'user', content: 'Again' },
    ];
    await completionJson(
      await startCompletion(user, request({ model: 'companion/lucia', messages }), { db, model: recording() }),
    );
    await completionJson(
      await startCompletion(user, request({ model: 'openai/gpt-4o-mini', messages }), {
        db,
        env: { OPENAI_API_KEY: 'test' },
        model: recording(),
      }),
    );
    const [persona, plain] = prompts;
    expect(persona!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(persona![0]!.content).toContain('Your name is Lucía');
    expect(persona![0]!.content).toContain('Be brief.');
    expect(plain![0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(plain![1]).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'Hello' }] });
  });

  it('answers without streaming as one chat.completion with usage', async () => {
    const completion = await startCompletion(
      user,
      request({ model: 'companion/lucia', messages: [{ role: 'user', content: 'Hi' }] }),
      {
        db,
        model: scripted(complete('All good', 'length')),
      },
    );
    expect(await completionJson(completion)).toMatchObject({
      id: completion.id,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'All good' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
    });
  });

  it("reports a failure in OpenAI's in-stream error shape, or as a 502 without streaming, and records it", async () => {
    const failure = new APICallError({
      message: 'rate limited',
      url: 'http://127.0.0.1',
      requestBodyValues: {},
      statusCode: 429,
    });
    const failing = () =>
      scripted([
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        ...words('Part '),
        { type: 'error', error: failure },
      ]);
    const input = request({ model: 'companion/lucia', messages: [{ role: 'user', content: 'Hi' }] });

    const events = parseSse(
      await completionChunksResponse(await startCompletion(user, input, { db, model: failing() })).text(),
    );
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
    expect(JSON.parse(events.at(-1)!.data)).toEqual({
      error: { type: 'provider_error', message: expect.stringContaining('busy') },
    });

    await expect(completionJson(await startCompletion(user, input, { db, model: failing() }))).rejects.toMatchObject({
      code: 'provider_failed',
    });
    expect((await usageRows()).slice(0, 2).map((row) => row.status)).toEqual(['error', 'error']);
  });

  it('refuses an unknown companion, and a model whose provider is not configured', async () => {
    const messages = [{ role: 'user', content: 'Hi' }];
    await expect(startCompletion(user, request({ model: 'companion/nobody', messages }), { db })).rejects.toMatchObject(
      { code: 'not_found', param: 'model' },
    );
    await expect(
      startCompletion(user, request({ model: 'groq/llama-3.1-8b-instant', messages }), { db, env: {} }),
    ).rejects.toMatchObject({
      code: 'provider_not_configured',
    });
  });

  it("keeps each caller's usage to themselves", async () => {
    const stranger = await createTestUser(db, 'stranger');
    expect(await withUser(stranger, (tx) => listApiUsage(tx), db)).toEqual([]);
    expect((await usageRows()).length).toBeGreaterThan(0);
  });
});
