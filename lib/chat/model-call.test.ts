import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError, simulateReadableStream, stepCountIs, streamText, tool, type ToolSet } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { complete, usage } from '@/lib/testing/scripted-model';
import type { Part } from './generation';
import { modelCallParts } from './model-call';

const messages = [{ role: 'user' as const, content: 'Hello there' }];

/** A model answering each call with the next script; it keeps the prompts it was sent. */
function model(...scripts: LanguageModelV4StreamPart[][]) {
  const prompts: LanguageModelV4CallOptions['prompt'][] = [];
  const mock: LanguageModelV4 = new MockLanguageModelV4({
    doStream: async (options) => {
      prompts.push(options.prompt);
      const chunks = scripts[prompts.length - 1];
      if (!chunks) throw new Error('no script left');
      return { stream: simulateReadableStream({ chunks, chunkDelayInMs: 1 }) };
    },
  });
  return { mock, prompts };
}

/** What the encoders read of a part: its type and text, the call's id or the finish reason. */
function essence(part: Part) {
  switch (part.type) {
    case 'text-delta':
      return `text:${part.text}`;
    case 'tool-call':
      return `tool-call:${part.toolName}:${JSON.stringify(part.input)}`;
    case 'tool-result':
      return `tool-result:${JSON.stringify(part.output)}`;
    case 'tool-error':
      return `tool-error:${String(part.error instanceof Error ? part.error.message : part.error)}`;
    case 'finish':
      return `finish:${part.finishReason}:${part.totalUsage.inputTokens}/${part.totalUsage.outputTokens}`;
    case 'error':
      return `error:${(part.error as Error).message}`;
    default:
      return part.type;
  }
}

async function collect(parts: AsyncIterable<Part>) {
  const all: string[] = [];
  for await (const part of parts) all.push(essence(part));
  return all;
}

async function both(scripts: LanguageModelV4StreamPart[][], tools?: ToolSet) {
  const ours = model(...scripts);
  const sdk = model(...scripts);
  const signal = new AbortController().signal;
  const fromUs = await collect(
    modelCallParts({
      model: ours.mock,
      instructions: 'Be kind.',
      messages,
      abortSignal: signal,
      maxRetries: 0,
      onError: () => {},
      ...(tools ? { tools, maxSteps: 3 } : {}),
    }),
  );
  const fromSdk = await collect(
    streamText({
      model: sdk.mock,
      instructions: 'Be kind.',
      messages,
      maxRetries: 0,
      onError: () => {},
      ...(tools ? { tools, stopWhen: stepCountIs(3) } : {}),
    }).stream,
  );
  return { fromUs, fromSdk, ours, sdk };
}

describe('modelCallParts', () => {
  it('gives the parts streamText gives for a plain reply', async () => {
    const { fromUs, fromSdk } = await both([complete('Hi there, friend.')]);
    expect(fromUs).toEqual(fromSdk);
    expect(fromUs).toContain('text:friend.');
    expect(fromUs.at(-1)).toBe('finish:stop:10/3');
  });

  it('gives the parts streamText gives for a provider error in the stream', async () => {
    const failing: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Half ' },
      { type: 'error', error: new Error('overloaded') },
      { type: 'finish', finishReason: { unified: 'error', raw: 'error' }, usage },
    ];
    const { fromUs, fromSdk } = await both([failing]);
    expect(fromUs).toEqual(fromSdk);
    expect(fromUs).toContain('error:overloaded');
  });

  it('runs a tool the model calls and sends its result back in a second call, as streamText does', async () => {
    const call: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: JSON.stringify({ city: 'Delft' }) },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
    ];
    const tools = {
      weather: tool({
        description: 'The weather in a city.',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => ({ city, sky: 'grey' }),
      }),
    };
    const { fromUs, fromSdk, ours, sdk } = await both([call, complete('It is grey in Delft.')], tools);
    expect(fromUs).toEqual(fromSdk);
    expect(fromUs).toContain('tool-result:{"city":"Delft","sky":"grey"}');
    expect(fromUs.at(-1)).toBe('finish:stop:20/6');
    // The second call carries the call and its result, as the SDK's does.
    expect(ours.prompts[1]).toEqual(sdk.prompts[1]);
  });

  it('retries a call the provider refused for a passing reason, after its retry-after', async () => {
    let calls = 0;
    const flaky = new MockLanguageModelV4({
      doStream: async () => {
        if (calls++ === 0)
          throw new APICallError({
            message: 'busy',
            url: 'http://127.0.0.1/v1',
            requestBodyValues: {},
            statusCode: 503,
            responseHeaders: { 'retry-after-ms': '5' },
            isRetryable: true,
          });
        return { stream: simulateReadableStream({ chunks: complete('Back again.'), chunkDelayInMs: 1 }) };
      },
    });
    const parts = await collect(
      modelCallParts({
        model: flaky,
        instructions: '',
        messages,
        abortSignal: new AbortController().signal,
        maxRetries: 2,
        onError: () => {},
      }),
    );
    expect(calls).toBe(2);
    expect(parts).toContain('text:again.');
  });

  it('ends with an abort part, and nothing after it, when stopped mid-reply', async () => {
    const stop = new AbortController();
    const { mock } = model(complete('one two three four five six seven eight'));
    const seen: string[] = [];
    for await (const part of modelCallParts({
      model: mock,
      instructions: '',
      messages,
      abortSignal: stop.signal,
      maxRetries: 0,
      onError: () => {},
    })) {
      seen.push(essence(part));
      if (part.type === 'text-delta' && part.text === 'two ') stop.abort(new Error('stopped by the user'));
    }
    expect(seen.at(-1)).toBe('abort');
    expect(seen).not.toContain('text:three ');
  });
});
