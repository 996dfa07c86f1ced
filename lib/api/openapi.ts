import { z } from 'zod';
import { createApiKeyRequest } from '@/lib/api-keys/schemas';
import { postMessageRequest } from '@/lib/conversations/message-schemas';
import { signUp } from '@/lib/auth/schemas';
import { completionRequest } from '@/lib/chat/completion-schemas';
import {
  createConversationRequest,
  listConversationsQuery,
  listMessagesQuery,
  updateConversationRequest,
} from '@/lib/conversations/schemas';
import { memorySettingsRequest, updateMemoryRequest } from '@/lib/memory/schemas';
import { usageQuery } from '@/lib/usage/schemas';
import { createCallRequest, endCallRequest } from '@/lib/calls/schemas';
import { createUploadTargetRequest } from '@/lib/uploads/schemas';
import { CALL_TURN_EVENTS_EXAMPLE, COMPLETION_CHUNKS_EXAMPLE, MESSAGE_EVENTS_EXAMPLE } from './openapi-examples';
import * as shapes from './openapi-schemas';

type JsonSchema = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Auth = 'public' | 'key or session' | 'session only';

export type Parameter = { name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: JsonSchema };
export type MediaType = { schema: JsonSchema; example?: unknown };
export type ResponseObject = { description: string; content?: Record<string, MediaType>; headers?: Record<string, JsonSchema> };
export type Operation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: { 'application/json'?: MediaType; 'multipart/form-data'?: MediaType; 'application/octet-stream'?: MediaType } };
  responses: Record<string, ResponseObject>;
};
export type OpenApiDocument = {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};

/** One success answer: JSON, or a Server-Sent Events stream described in prose with an example. */
type Success = {
  status: number;
  description: string;
  json?: JsonSchema;
  events?: { example: string };
  /** Binary bodies, by media type (a file's bytes). */
  binary?: string[];
  /** A redirect, with the Location header described. */
  location?: string;
};

type Endpoint = {
  method: Method;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  query?: z.ZodType;
  body?: { schema: z.ZodType; example: unknown };
  /** A multipart/form-data body (file uploads), as JSON Schema; beside `body` when a route takes either. */
  multipart?: JsonSchema;
  /** A raw body: a file's bytes, described in prose. */
  binary?: string;
  success: Success[];
  errors: number[];
};

/** JSON Schema 2020-12, OpenAPI 3.1's own dialect, of what a client sends (`input`) or receives. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted: JsonSchema = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  delete converted.$schema;
  return converted;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string): JsonSchema => ({
  type: 'object',
  properties: { data: { type: 'array', items: ref(item) }, next_cursor: { type: ['string', 'null'] } },
  required: ['data', 'next_cursor'],
});
const list = (item: string): JsonSchema => ({
  type: 'object',
  properties: { data: { type: 'array', items: ref(item) } },
  required: ['data'],
});

const RESPONSE_SCHEMAS = {
  Error: shapes.errorEnvelope,
  Model: shapes.model,
  Companion: shapes.companion,
  Conversation: shapes.conversation,
  Memory: shapes.memory,
  Memories: shapes.memories,
  Message: shapes.message,
  Upload: shapes.upload,
  UploadTarget: shapes.uploadTarget,
  UsageReport: shapes.usageReport,
  ApiKey: shapes.apiKey,
  CreatedApiKey: shapes.createdApiKey,
  SignUpAnswer: shapes.signUpAnswer,
  ChatCompletion: shapes.chatCompletion,
  Call: shapes.call,
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid_request_error: a malformed body, query or id; `param` names the field.',
  401: 'authentication_error: no session and no API key, or a key that is not valid.',
  403: 'permission_error: an API key tried what needs a browser session, a write with the session cookie came from another origin (`code`: `cross_site_request`), or (`code`: `email_not_verified`) the account has not confirmed its email address yet.',
  404: "not_found_error: it does not exist, or it is someone else's.",
  409: 'conflict_error: the request does not fit the current state.',
  410: 'gone_error: it expired (a call an hour after it was made, an upload target two hours after it was handed out).',
  413: 'payload_too_large: the JSON body is over 1 MB, an uploaded file over its cap (images 10 MB, audio 25 MB), or (`code`: `storage_quota`) the file does not fit in what the person may store (STORAGE_QUOTA_MB by role); the message says how much is used of how much.',
  415: 'invalid_request_error: a write with the session cookie sent a body that is not JSON (or multipart/form-data where the operation takes files).',
  429: 'rate_limit_error: a rate limit is spent; `code` says which (`requests_per_minute`, per key, user and client address; `messages_per_hour`, messages answered; `sign_ups_per_hour`, new accounts per client address; on the routes that ask for a reply, `daily_budget`, the account\'s tokens for the UTC day, and `concurrent_streams`, replies being written for the account at once) and Retry-After how many seconds until it reopens.',
  502: 'provider_error: the model failed and no fallback answered.',
  503: "provider_not_configured: the model's provider has no key on this server; or service_unavailable: the database or the file store is out of reach for a moment (retry).",
};

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  public: [],
  'key or session': [{ apiKey: [] }, { sessionCookie: [] }],
  'session only': [{ sessionCookie: [] }],
};

const PATH_PARAMETERS: Record<string, Parameter> = {
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
  companion: { name: 'companion', in: 'path', required: true, description: 'A slug or an id.', schema: { type: 'string' } },
};

const MESSAGE_EVENTS =
  'Server-Sent Events shaped like Anthropic\'s Messages API: `message_start` (with `conversation_id` and `user_message_id`), `content_block_start`, `content_block_delta`s, `content_block_stop`, `message_delta` (stop reason and usage) and `message_stop`; `ping` every 15 s while quiet. A failure is an `error` event, after which nothing follows.';
const COMPLETION_CHUNKS =
  "Server-Sent Events of OpenAI's `chat.completion.chunk`s, ending with `data: [DONE]`; the last chunk carries the finish reason and usage. A failure is `data: {\"error\": …}` with no [DONE] after it.";

const CALL_TURN_EVENTS =
  'Server-Sent Events, each `event: <type>` with a JSON `data` line: `transcript` {text, language} (voice turns), `text` {delta} as the reply is written, per sentence in order either `audio` {index, text, media_type, data (base64, one playable file)} or, without server speech, `speak` {index, text, language} for the browser to say, then `timing` {turn_id, transcript_ms, first_token_ms, first_audio_ms, total_ms} (ms from the request) and `done` {turn_id, user_message_id, assistant_message_id, status, error}; or an `error` {error: {type, message}} after which nothing follows. `: ping` every 15 s while quiet. Abort the request to interrupt (barge-in): the reply stops and is saved as `aborted`.';

const ENDPOINTS: Endpoint[] = [
  {
    method: 'post',
    path: '/api/v1/calls',
    operationId: 'createCall',
    tag: 'Calls',
    summary: 'Start a call',
    description:
      "A call with a companion (slug or id) in one of the six languages (the companion's first by default), over a new conversation or `conversation`, one of the caller's with that companion. It is `waiting` until its first turn and expires an hour after it is made.",
    auth: 'key or session',
    body: { schema: createCallRequest, example: { companion: 'marcus', language: 'en-US' } },
    success: [{ status: 201, description: 'The call.', json: ref('Call') }],
    errors: [400, 401, 404, 413],
  },
  {
    method: 'get',
    path: '/api/v1/calls/{id}',
    operationId: 'getCall',
    tag: 'Calls',
    summary: 'A call, with its turns\' timings',
    description: 'Its status, duration and cost (model, speech to text, text to speech) and every turn\'s latency. Reading a call past its expiry ends it as `expired`.',
    auth: 'key or session',
    success: [{ status: 200, description: 'The call.', json: ref('Call') }],
    errors: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/api/v1/calls/{id}/turns',
    operationId: 'createCallTurn',
    tag: 'Calls',
    summary: 'Say something in a call and hear the reply',
    description:
      'multipart/form-data: `audio` (the utterance: WAV, WebM/Opus, Ogg, MP3 or M4A; at most 60 s and 3 MB) or `text` (typed in the call), and optionally `image` (a camera frame, JPEG or PNG, 1 MB; it goes to the model as an image), `language` (switches the call\'s language), `speech_ms` (how long the person spoke) and `playback` (JSON `{"turn_id", "playback_ms"}`: when the previous reply started playing, in ms from the end of speech). The whole body stays under 4.5 MB, what a serverless function takes. The audio is transcribed (Groq, OpenAI or Gemini), answered through the companion\'s chat (persona, memories, history) and each sentence is synthesized as soon as it is written (OpenAI, ElevenLabs or Gemini). Empty, silent, unreadable or non-audio input is a 400, too long a 413, and nothing is written; without a transcription provider, audio is a 503 (send `text`). An ended call is a 409, an expired one a 410.',
    auth: 'key or session',
    multipart: {
      type: 'object',
      properties: {
        audio: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The utterance.' },
        text: { type: 'string', description: 'Typed instead of spoken.' },
        image: { type: 'string', contentMediaType: 'application/octet-stream', description: 'A camera frame.' },
        language: { type: 'string', enum: ['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT'] },
        speech_ms: { type: 'integer', minimum: 0 },
        playback: { type: 'string', description: 'JSON: {"turn_id": "<uuid>", "playback_ms": 640}.' },
      },
    },
    success: [{ status: 200, description: CALL_TURN_EVENTS, events: { example: CALL_TURN_EVENTS_EXAMPLE } }],
    errors: [400, 401, 404, 409, 410, 413, 502, 503],
  },
  {
    method: 'post',
    path: '/api/v1/calls/{id}/end',
    operationId: 'endCall',
    tag: 'Calls',
    summary: 'Hang up',
    description: 'Ends the call, recording its duration and cost; ending it again answers it unchanged. The body is optional: `playback` reports when the last reply started playing.',
    auth: 'key or session',
    body: { schema: endCallRequest, example: { playback: { turn_id: '8c1f2a4e-5b6d-4e7f-9a0b-1c2d3e4f5a6b', playback_ms: 640 } } },
    success: [{ status: 200, description: 'The ended call.', json: ref('Call') }],
    errors: [400, 401, 404, 413],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Reference',
    summary: 'This OpenAPI document',
    auth: 'public',
    success: [{ status: 200, description: 'An OpenAPI 3.1 document.', json: { type: 'object' } }],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/models',
    operationId: 'listModels',
    tag: 'Models',
    summary: 'List models',
    description: 'The model catalogue and whether this deployment can use each model. Public: it holds no secrets.',
    auth: 'public',
    success: [{ status: 200, description: 'The models.', json: list('Model') }],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/companions',
    operationId: 'listCompanions',
    tag: 'Companions',
    summary: 'List companions',
    description: 'The companions the caller can talk to, alphabetically.',
    auth: 'key or session',
    success: [{ status: 200, description: 'The companions.', json: list('Companion') }],
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/v1/companions/{companion}',
    operationId: 'getCompanion',
    tag: 'Companions',
    summary: 'Get a companion',
    auth: 'key or session',
    success: [{ status: 200, description: 'The companion.', json: ref('Companion') }],
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/v1/companions/{companion}/memories',
    operationId: 'listMemories',
    tag: 'Memory',
    summary: 'What a companion remembers about you',
    description: 'Its own memories and the general ones (shared by all companions once you opt in), newest first, with the two switches.',
    auth: 'key or session',
    success: [{ status: 200, description: 'The memories and settings.', json: ref('Memories') }],
    errors: [401, 404],
  },
  {
    method: 'patch',
    path: '/api/v1/companions/{companion}/memories',
    operationId: 'updateMemorySettings',
    tag: 'Memory',
    summary: 'Switch memory on or off, or share general memories',
    description: '`enabled`: whether this companion remembers and recalls. `shared`: whether general memories (name, city, work, family) are shared by every companion.',
    auth: 'key or session',
    body: { schema: memorySettingsRequest, example: { enabled: true, shared: false } },
    success: [{ status: 200, description: 'The memories and the new settings.', json: ref('Memories') }],
    errors: [400, 401, 404],
  },
  {
    method: 'delete',
    path: '/api/v1/companions/{companion}/memories',
    operationId: 'forgetMemories',
    tag: 'Memory',
    summary: 'Forget everything',
    description: 'Deletes, for good, all this companion remembers, the shared general memories included.',
    auth: 'key or session',
    success: [{ status: 200, description: 'How many were deleted.', json: { type: 'object', properties: { deleted: { type: 'integer' } }, required: ['deleted'] } }],
    errors: [401, 404],
  },
  {
    method: 'patch',
    path: '/api/v1/memories/{id}',
    operationId: 'updateMemory',
    tag: 'Memory',
    summary: 'Rewrite a memory',
    auth: 'key or session',
    body: { schema: updateMemoryRequest, example: { content: 'Lives in Rotterdam, near the harbour.' } },
    success: [{ status: 200, description: 'The memory.', json: ref('Memory') }],
    errors: [400, 401, 404],
  },
  {
    method: 'delete',
    path: '/api/v1/memories/{id}',
    operationId: 'deleteMemory',
    tag: 'Memory',
    summary: 'Delete a memory',
    auth: 'key or session',
    success: [{ status: 204, description: 'Deleted.' }],
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/api/v1/conversations',
    operationId: 'listConversations',
    tag: 'Conversations',
    summary: 'List conversations',
    description: 'The caller\'s conversations, most recently active first; `companion` (slug or id) filters.',
    auth: 'key or session',
    query: listConversationsQuery,
    success: [{ status: 200, description: 'A page of conversations.', json: page('Conversation') }],
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/api/v1/conversations',
    operationId: 'createConversation',
    tag: 'Conversations',
    summary: 'Start a conversation',
    description: "It opens with the companion's greeting.",
    auth: 'key or session',
    body: { schema: createConversationRequest, example: { companion: 'sage', title: 'Evening chat' } },
    success: [{ status: 201, description: 'The new conversation.', json: ref('Conversation') }],
    errors: [400, 401, 404, 503],
  },
  {
    method: 'get',
    path: '/api/v1/conversations/{id}',
    operationId: 'getConversation',
    tag: 'Conversations',
    summary: 'Get a conversation',
    auth: 'key or session',
    success: [{ status: 200, description: 'The conversation.', json: ref('Conversation') }],
    errors: [400, 401, 404],
  },
  {
    method: 'patch',
    path: '/api/v1/conversations/{id}',
    operationId: 'updateConversation',
    tag: 'Conversations',
    summary: 'Rename a conversation or switch its model',
    description: "503 when the new model's provider is not configured.",
    auth: 'key or session',
    body: { schema: updateConversationRequest, example: { title: 'Planning the trip' } },
    success: [{ status: 200, description: 'The updated conversation.', json: ref('Conversation') }],
    errors: [400, 401, 404, 503],
  },
  {
    method: 'delete',
    path: '/api/v1/conversations/{id}',
    operationId: 'deleteConversation',
    tag: 'Conversations',
    summary: 'Delete a conversation and its messages',
    auth: 'key or session',
    success: [{ status: 204, description: 'Deleted.' }],
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/api/v1/conversations/{id}/messages',
    operationId: 'listMessages',
    tag: 'Messages',
    summary: 'List messages',
    description: 'Oldest first; the first page holds the oldest messages and `next_cursor` continues forward.',
    auth: 'key or session',
    query: listMessagesQuery,
    success: [{ status: 200, description: 'A page of messages.', json: page('Message') }],
    errors: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/api/v1/conversations/{id}/messages',
    operationId: 'postMessage',
    tag: 'Messages',
    summary: 'Send a message and get the reply',
    description:
      "Adds the person's message and, unless `reply` is false, the companion's reply: streamed with `stream: true`, else both messages once the reply is saved. `reply: false` only stores the message (201 `{message}`). `attachments` lists upload ids (POST /api/v1/uploads): up to 4 images, which go to the model as file parts (a model that cannot see is told one was attached), and one voice note, whose transcript is the message when `content` is left out.",
    auth: 'key or session',
    body: { schema: postMessageRequest, example: { content: 'Hello! How was your day?', stream: false } },
    success: [
      {
        status: 201,
        description: 'Without streaming: `{user_message, assistant_message}`; with `reply: false`: `{message}`.',
        json: {
          oneOf: [
            { type: 'object', properties: { user_message: ref('Message'), assistant_message: ref('Message') }, required: ['assistant_message'] },
            { type: 'object', properties: { message: ref('Message') }, required: ['message'] },
          ],
        },
      },
      { status: 200, description: `With \`stream: true\`: ${MESSAGE_EVENTS}`, events: { example: MESSAGE_EVENTS_EXAMPLE } },
    ],
    errors: [400, 401, 404, 413, 502, 503],
  },
  {
    method: 'post',
    path: '/api/v1/conversations/{id}/stream',
    operationId: 'streamReply',
    tag: 'Messages',
    summary: 'Stream the reply to the latest message',
    description:
      "Answers the person's latest message that has no reply yet (one sent with `reply: false`). No body. A POST, so that no link or page navigation can start a reply; in a browser, read the events from `fetch`'s response body (EventSource can only GET). 409 when there is nothing to answer.",
    auth: 'key or session',
    success: [{ status: 200, description: MESSAGE_EVENTS, events: { example: MESSAGE_EVENTS_EXAMPLE } }],
    errors: [400, 401, 404, 409, 503],
  },
  {
    method: 'post',
    path: '/api/v1/chat/completions',
    operationId: 'createChatCompletion',
    tag: 'Chat completions',
    summary: 'Create a chat completion (OpenAI-compatible)',
    description:
      '`model` is `companion/<slug>` (the companion\'s persona and models) or a catalogue model id. Stateless: nothing is stored. Fields OpenAI clients send beyond these are ignored. `max_tokens` / `max_completion_tokens` above the reply\'s caps (the companion\'s max output tokens, the model\'s own output limit and the server\'s `MAX_OUTPUT_TOKENS`) are clamped to the smallest of them, not refused; zero, a negative or a fractional number is a 400.',
    auth: 'key or session',
    body: { schema: completionRequest, example: { model: 'companion/sage', messages: [{ role: 'user', content: 'Hello!' }] } },
    success: [{ status: 200, description: `Without streaming, a \`chat.completion\`. With \`stream: true\`: ${COMPLETION_CHUNKS}`, json: ref('ChatCompletion'), events: { example: COMPLETION_CHUNKS_EXAMPLE } }],
    errors: [400, 401, 404, 413, 502, 503],
  },
  {
    method: 'get',
    path: '/api/v1/usage',
    operationId: 'getUsage',
    tag: 'Usage',
    summary: 'Usage and cost',
    description: "What the caller's replies used and cost: totals for the range (the last 30 days unless given) and, with `group_by`, per group. A bare date means that whole UTC day.",
    auth: 'key or session',
    query: usageQuery,
    success: [{ status: 200, description: 'The report.', json: ref('UsageReport') }],
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    tag: 'API keys',
    summary: 'List API keys',
    description: 'The live keys: their prefixes, never the keys themselves.',
    auth: 'key or session',
    success: [{ status: 200, description: 'The keys.', json: list('ApiKey') }],
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/v1/api-keys',
    operationId: 'createApiKey',
    tag: 'API keys',
    summary: 'Create an API key',
    description: 'The key is in this response only. Browser sessions only: a key cannot mint keys. Only for an account whose email address is confirmed (a 403 with code `email_not_verified` otherwise).',
    auth: 'session only',
    body: { schema: createApiKeyRequest, example: { name: 'Laptop script' } },
    success: [{ status: 201, description: 'The new key.', json: ref('CreatedApiKey') }],
    errors: [400, 401, 403],
  },
  {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    tag: 'API keys',
    summary: 'Revoke an API key',
    description: 'At once: the next request with it gets a 401.',
    auth: 'key or session',
    success: [{ status: 204, description: 'Revoked.' }],
    errors: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/api/v1/uploads',
    operationId: 'createUpload',
    tag: 'Uploads',
    summary: 'Upload an image or a voice note',
    description:
      'Files: a PNG, JPEG, WebP or GIF image (up to 10 MB and 8192 pixels a side) or a WebM, Ogg, MP3, WAV or M4A voice note (up to 25 MB). Two ways in:\n\n' +
      '- **JSON** `{kind, media_type, size, filename}` (recommended): the answer (201) is an upload target. Send the bytes with `method` to `url` with `headers` (with your API key or session cookie only when `send_credentials` is true: the app\'s own route; a signed Supabase Storage URL takes none), then POST `confirm_url`. The bytes never pass through the app\'s function, so any file up to its cap works on Vercel too.\n' +
      '- **multipart/form-data** with the file in the field `file`: checked and kept at once (201, the upload). On Vercel the whole request must stay under 4.5 MB.\n\n' +
      "The type is read from the content, not the name: anything else is a 400. A voice note is transcribed when a transcription provider (Groq, OpenAI or Gemini) is configured; otherwise `transcript_error` says a key is needed. Attach the upload to a message with `attachments: [id]`. `url` is the file for this caller only (a short-lived signed URL with Supabase Storage). Targets never confirmed, and uploads no message took, are deleted after a day.",
    auth: 'key or session',
    body: { schema: createUploadTargetRequest, example: { kind: 'image', media_type: 'image/png', size: 48213, filename: 'sunset.png' } },
    multipart: {
      type: 'object',
      properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The image or audio file.' } },
      required: ['file'],
    },
    success: [{ status: 201, description: 'JSON: the upload target. Multipart: the upload.', json: { oneOf: [ref('UploadTarget'), ref('Upload')] } }],
    errors: [400, 401, 413, 503],
  },
  {
    method: 'post',
    path: '/api/v1/uploads/{id}/confirm',
    operationId: 'confirmUpload',
    tag: 'Uploads',
    summary: 'Confirm an upload sent to its target',
    description:
      "Reads the stored file back and checks it as a multipart upload is checked: its content must be the `media_type` announced (and, with Supabase Storage, sent with the target's Content-Type), within the size cap and, for an image, 8192 pixels a side (a header claiming more is refused without decoding). A voice note is transcribed. A refused file is deleted, with its target: ask for a new one. Confirming again answers the same upload (200). Nothing sent yet is a 409.",
    auth: 'key or session',
    success: [
      { status: 201, description: 'The upload, recorded.', json: ref('Upload') },
      { status: 200, description: 'The upload, confirmed before.', json: ref('Upload') },
    ],
    errors: [400, 401, 404, 409, 413, 503],
  },
  {
    method: 'delete',
    path: '/api/v1/uploads/{id}',
    operationId: 'deleteUpload',
    tag: 'Uploads',
    summary: 'Delete an upload not yet sent',
    description: 'Deletes an upload that no message carries yet, or one still pending (its target handed out, not confirmed: a cancelled upload), with its stored file. One that is part of a message goes with its conversation (409 here).',
    auth: 'key or session',
    success: [{ status: 204, description: 'Deleted.' }],
    errors: [400, 401, 404, 409],
  },
  {
    method: 'get',
    path: '/api/v1/uploads/{id}/content',
    operationId: 'getUploadContent',
    tag: 'Uploads',
    summary: "An upload's bytes",
    description: "Only for its owner: anyone else's upload is a 404. Not counted against the rate limit (a chat page loads its pictures from here).",
    auth: 'key or session',
    success: [
      { status: 200, description: 'The file (local storage).', binary: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/wav', 'audio/mp4'] },
      { status: 302, description: 'With Supabase Storage: a redirect to a short-lived signed URL.', location: 'The signed URL, valid for 5 minutes.' },
    ],
    errors: [400, 401, 404],
  },
  {
    method: 'put',
    path: '/api/v1/uploads/{id}/content',
    operationId: 'sendUploadContent',
    tag: 'Uploads',
    summary: "An upload target's bytes (local storage)",
    description:
      "Where an upload target points when this server keeps files on its own disk: the file's bytes as the body, with the target's Content-Type and your usual credentials, once. Read up to the kind's cap (images 10 MB, audio 25 MB) and refused past it. With Supabase Storage the target is a signed Storage URL instead, and this is a 409. Not counted against the rate limit: asking for the target was.",
    auth: 'key or session',
    binary: 'The file.',
    success: [{ status: 204, description: 'Stored: now confirm it.' }],
    errors: [400, 401, 404, 409, 410, 413],
  },
  {
    method: 'post',
    path: '/api/v1/users',
    operationId: 'createUser',
    tag: 'Users',
    summary: 'Create an account',
    description:
      'Exactly as the sign-up page does; refused when registration is closed. The answer is the same whether the address was free or already has an account, so it tells nobody who is registered: a new account gets an email with a link to confirm its address, and the owner of a taken address gets an email saying someone tried. An account may sign in at once; it can create API keys once its address is confirmed.',
    auth: 'public',
    body: { schema: signUp, example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } },
    success: [{ status: 202, description: 'Accepted: the account exists if the address was free.', json: ref('SignUpAnswer') }],
    errors: [400, 403, 429],
  },
  {
    method: 'delete',
    path: '/api/v1/users/me',
    operationId: 'deleteAccount',
    tag: 'Users',
    summary: 'Delete your account',
    description: 'Deletes the signed-in account with its conversations, messages, API keys, usage and uploaded files. Needs a browser session: an API key cannot delete its own account.',
    auth: 'session only',
    success: [{ status: 204, description: 'Deleted.' }],
    errors: [401, 403],
  },
];

const TAGS = [
  { name: 'Models', description: 'The model catalogue.' },
  { name: 'Companions', description: 'Who there is to talk to.' },
  { name: 'Memory', description: 'What companions remember about you, and the switches for it.' },
  { name: 'Conversations', description: 'Conversations with a companion.' },
  { name: 'Messages', description: "A conversation's messages and the companion's replies." },
  { name: 'Chat completions', description: 'OpenAI-compatible, stateless.' },
  { name: 'Usage', description: 'Tokens, cost and latency.' },
  { name: 'API keys', description: 'Keys for scripts and apps.' },
  { name: 'Uploads', description: 'Images and voice notes to attach to messages.' },
  { name: 'Calls', description: 'Live voice calls with a companion: speech in, the reply as text and audio.' },
  { name: 'Users', description: 'Accounts.' },
  { name: 'Reference', description: 'This document, for code generators and tools.' },
];

function queryParameters(query: z.ZodType): Parameter[] {
  const { properties = {}, required = [] } = jsonSchema(query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', required: required.includes(name), schema }));
}

function responses(endpoint: Endpoint): Record<string, ResponseObject> {
  const result: Record<string, ResponseObject> = {};
  for (const { status, description, json, events, binary = [], location } of endpoint.success) {
    const content: Record<string, MediaType> = {};
    if (json) content['application/json'] = { schema: json };
    if (events) content['text/event-stream'] = { schema: { type: 'string' }, example: events.example };
    for (const type of binary) content[type] = { schema: { type: 'string', contentMediaType: type } };
    const headers = location ? { headers: { Location: { description: location, schema: { type: 'string', format: 'uri' } } } } : {};
    result[status] = { description, ...(Object.keys(content).length ? { content } : {}), ...headers };
  }
  // Every call counts against a per-minute limit: the caller's, and their client address's. A
  // write with the session cookie from another origin, or with a body of another type, is refused.
  const cookieWrite = endpoint.method !== 'get' && endpoint.auth !== 'public';
  const typed = cookieWrite && Boolean(endpoint.body || endpoint.multipart);
  const statuses = [...new Set([...endpoint.errors, ...(cookieWrite ? [403] : []), ...(typed ? [415] : []), 429])].sort((a, b) => a - b);
  for (const status of statuses) {
    result[status] = { description: ERROR_DESCRIPTIONS[status]!, content: { 'application/json': { schema: ref('Error') } } };
  }
  return result;
}

function operation(endpoint: Endpoint): Operation {
  const pathParameters = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => PATH_PARAMETERS[name!]!);
  const parameters = [...pathParameters, ...(endpoint.query ? queryParameters(endpoint.query) : [])];
  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...(endpoint.description && { description: endpoint.description }),
    security: SECURITY[endpoint.auth],
    ...(parameters.length > 0 && { parameters }),
    ...((endpoint.body || endpoint.multipart || endpoint.binary) && {
      requestBody: {
        required: true,
        content: {
          ...(endpoint.body && { 'application/json': { schema: jsonSchema(endpoint.body.schema, 'input'), example: endpoint.body.example } }),
          ...(endpoint.multipart && { 'multipart/form-data': { schema: endpoint.multipart } }),
          ...(endpoint.binary && { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream', description: endpoint.binary } } }),
        },
      },
    }),
    responses: responses(endpoint),
  };
}

function buildDocument(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const endpoint of ENDPOINTS) (paths[endpoint.path] ??= {})[endpoint.method] = operation(endpoint);
  return {
    openapi: '3.1.1',
    info: {
      title: 'Hearth REST API',
      version: '1',
      description:
        'Talk to Hearth\'s companions from scripts and apps. Authenticate with `Authorization: Bearer hk_…` (Settings > API keys) or, from the browser, the session cookie. Every error is `{"error": {"type", "message", "param"?}}`.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema, 'output')])),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key, `hk_…`, made in Settings > API keys.' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description:
            "The browser session (`__Secure-next-auth.session-token` over HTTPS). Writes with it must come from this site's own pages: an `Origin` of this server (or `Sec-Fetch-Site: same-origin`) and a JSON body (multipart/form-data where the operation takes files); otherwise 403 or 415.",
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The REST API's OpenAPI 3.1 document; request schemas are the zod schemas the routes validate with. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildDocument());
}
