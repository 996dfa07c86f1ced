import { createOpenAI } from '@ai-sdk/openai';
import { streamText, type ModelMessage } from 'ai';
import { errorResponse, HearthError } from '@/lib/errors';

/**
 * The bench's floor (bench/floor.mjs): the least a Next route on this stack can add to the first
 * token, a prompt streamed from the provider through `streamText` as the UI message stream, with
 * no session, database or pipeline. Served only to `npm run bench`: it needs HEARTH_BENCH_FLOOR=1
 * and an OpenAI base URL on the loopback, so it can never spend a real key.
 */
export async function POST(request: Request): Promise<Response> {
  const baseURL = process.env.OPENAI_BASE_URL;
  if (process.env.HEARTH_BENCH_FLOOR !== '1' || !baseURL || !isLoopback(baseURL))
    return errorResponse(new HearthError('not_found', 'Not found.'));
  const { model, system, messages } = (await request.json()) as {
    model: string;
    system: string;
    messages: ModelMessage[];
  };
  const openai = createOpenAI({ baseURL, apiKey: process.env.OPENAI_API_KEY });
  return streamText({ model: openai.chat(model), system, messages }).toUIMessageStreamResponse();
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
