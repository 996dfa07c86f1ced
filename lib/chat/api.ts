import { chatCompletionJsonSchema } from '@/lib/api/completion-chunks';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { completionRequest } from './completion-schemas';

const COMPLETION_CHUNKS =
  'Server-Sent Events of OpenAI\'s `chat.completion.chunk`s, ending with `data: [DONE]`; the last chunk carries the finish reason and usage. A failure is `data: {"error": …}` with no [DONE] after it.';

const COMPLETION_CHUNKS_EXAMPLE = `data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":412,"completion_tokens":38,"total_tokens":450}}

data: [DONE]
`;

export const chatCompletionsApi: ApiGroup = {
  tag: { name: 'Chat completions', description: 'OpenAI-compatible, stateless.' },
  components: [chatCompletionJsonSchema],
  operations: [
    {
      method: 'post',
      path: '/api/v1/chat/completions',
      operationId: 'createChatCompletion',
      summary: 'Create a chat completion (OpenAI-compatible)',
      description:
        "`model` is `companion/<slug>` (the companion's persona and models) or a catalogue model id. Stateless: nothing is stored. Fields OpenAI clients send beyond these are ignored. `max_tokens` / `max_completion_tokens` above the reply's caps (the companion's max output tokens, the model's own output limit and the server's `MAX_OUTPUT_TOKENS`) are clamped to the smallest of them, not refused; zero, a negative or a fractional number is a 400.",
      auth: 'key or session',
      body: {
        schema: completionRequest,
        example: { model: 'companion/sage', messages: [{ role: 'user', content: 'Hello!' }] },
      },
      success: [
        {
          kind: 'json or events',
          status: 200,
          description: `Without streaming, a \`chat.completion\`. With \`stream: true\`: ${COMPLETION_CHUNKS}`,
          schema: chatCompletionJsonSchema,
          example: COMPLETION_CHUNKS_EXAMPLE,
        },
      ],
      errors: [400, 401, 404, 413, 502, 503],
    },
  ],
};
