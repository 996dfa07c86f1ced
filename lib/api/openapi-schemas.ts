import { z } from 'zod';

/**
 * The shapes the REST API answers with, for the OpenAPI document only: the serializers beside this
 * file (companions.ts, messages.ts, …) stay what the routes send; keep these in step with them.
 */
const timestamp = z.iso.datetime();
const nullableNumber = z.number().nullable();

export const errorEnvelope = z.object({
  error: z.object({
    type: z.string().meta({ description: 'invalid_request_error, authentication_error, not_found_error, …' }),
    code: z.string().optional().meta({ description: 'Which case of the type, where there are several: for rate_limit_error the limit that refused (requests_per_minute, messages_per_hour, sign_ups_per_hour).' }),
    message: z.string(),
    param: z.string().optional().meta({ description: 'The request field at fault, e.g. `messages.0.content`.' }),
  }),
});

export const model = z.object({
  id: z.string().meta({ examples: ['google/gemini-2.5-flash'] }),
  provider: z.string(),
  name: z.string(),
  context_window: z.number().int(),
  capabilities: z.object({ vision: z.boolean(), audio: z.boolean(), tools: z.boolean() }),
  pricing: z.object({ input_per_mtok: z.number(), output_per_mtok: z.number() }).nullable(),
  available: z.boolean(),
  unavailable_reason: z.string().nullable(),
});

export const companion = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  tagline: z.string(),
  description: z.string(),
  avatar_url: z.string(),
  specialties: z.array(z.string()),
  languages: z.array(z.string()),
  default_model: z.string(),
});

export const conversation = z.object({
  id: z.uuid(),
  companion: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  model: z.string(),
  title: z.string(),
  language: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const memory = z.object({
  id: z.uuid(),
  kind: z.enum(['fact', 'preference', 'relationship', 'event']),
  content: z.string().meta({ examples: ['Lives in Utrecht.'] }),
  importance: z.number().int().min(1).max(5),
  event_date: z.iso.date().nullable().meta({ description: 'For events: the day, YYYY-MM-DD.' }),
  shared: z.boolean().meta({ description: 'About the person in general, shared by every companion (the opt-in).' }),
  conversation_id: z.uuid().nullable().meta({ description: 'The conversation it was learned in.' }),
  conversation_title: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  last_used_at: timestamp.nullable(),
});

export const memories = z.object({
  enabled: z.boolean().meta({ description: 'Whether this companion remembers and recalls.' }),
  shared: z.boolean().meta({ description: 'Whether general memories are shared by all companions.' }),
  data: z.array(memory),
});

export const message = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  parts: z.array(
    z.union([
      z.object({ type: z.literal('text'), text: z.string() }),
      z.object({
        type: z.literal('file'),
        mediaType: z.string(),
        url: z.string().meta({ description: 'The upload: /api/v1/uploads/{id}/content.' }),
        filename: z.string().optional(),
      }),
    ]),
  ),
  attachments: z.array(z.uuid()).meta({ description: 'The ids of the uploads the message carries.' }),
  model: z.string().nullable(),
  status: z.enum(['complete', 'streaming', 'error', 'aborted']).meta({ description: "`aborted`: stopped, or for a `voice` reply, interrupted (barge-in, or the caller hung up)." }),
  source: z.enum(['text', 'voice']).meta({ description: '`voice`: said in a call (the user message carries its audio) or spoken there.' }),
  usage: z.object({ input_tokens: nullableNumber, output_tokens: nullableNumber, estimated: z.boolean() }),
  fallbacks: z.array(z.object({ model: z.string(), error: z.string() })).meta({ description: 'Models that failed before this one answered.' }),
  cost_usd: nullableNumber,
  ttft_ms: nullableNumber,
  latency_ms: nullableNumber,
  created_at: timestamp,
});

const usageSums = { messages: z.number().int(), input_tokens: z.number().int(), output_tokens: z.number().int(), cost_usd: z.number() };

export const usageReport = z.object({
  totals: z.object({ ...usageSums, avg_latency_ms: nullableNumber, p95_ttft_ms: nullableNumber }),
  groups: z.array(z.object({ key: z.string(), ...usageSums })),
});

export const apiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
});

export const createdApiKey = apiKey
  .omit({ last_used_at: true })
  .extend({ key: z.string().meta({ description: 'The key itself (`hk_…`), shown only in this response.' }) });

/** What sign-up answers, the same whether the address was free or taken. */
export const signUpAnswer = z.object({
  email: z.email(),
  message: z.string().meta({ description: 'What happens next, in a sentence for a person.' }),
});

export const chatCompletion = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
      logprobs: z.null(),
      finish_reason: z.string(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
});

export const upload = z.object({
  id: z.uuid(),
  kind: z.enum(['image', 'audio']),
  media_type: z.string().meta({ examples: ['image/png', 'audio/webm'] }),
  size: z.number().int().meta({ description: 'Bytes.' }),
  url: z.string().meta({ description: 'Where the caller can fetch the file; short-lived with Supabase Storage.' }),
  width: nullableNumber,
  height: nullableNumber,
  filename: z.string().nullable(),
  transcript: z.string().nullable().meta({ description: 'A voice note\'s words, when it was transcribed.' }),
  transcript_language: z.string().nullable().meta({ description: 'The language the transcriber detected, e.g. `en`.' }),
  transcript_error: z.string().nullable().meta({ description: 'Why there is no transcript, e.g. no provider key.' }),
  created_at: timestamp,
});

export const uploadTarget = z.object({
  id: z.uuid().meta({ description: 'The upload, once confirmed; attach it by this id.' }),
  method: z.enum(['PUT']),
  url: z.string().meta({ description: "Where to send the file's bytes: a signed Supabase Storage URL, or this server's /api/v1/uploads/{id}/content." }),
  headers: z.record(z.string(), z.string()).meta({ description: 'Headers the request must carry, e.g. content-type.' }),
  fields: z.record(z.string(), z.string()).optional().meta({ description: 'Form fields to send before the file, for targets that take a multipart POST; absent for PUT.' }),
  send_credentials: z.boolean().meta({ description: 'Whether to send your API key or session cookie: true for this server\'s own route, false for a signed URL.' }),
  expires_at: timestamp.meta({ description: 'Send the bytes before this (two hours).' }),
  confirm_url: z.string().meta({ description: 'POST here once the bytes are sent.' }),
});

const nullableMs = nullableNumber;

export const call = z.object({
  id: z.uuid(),
  companion_id: z.uuid(),
  conversation_id: z.uuid().meta({ description: "Where the call's transcript is kept, as messages with `source: voice`." }),
  language: z.enum(['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT']),
  status: z.enum(['waiting', 'active', 'ended']).meta({ description: '`waiting` until the first turn.' }),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  ended_at: timestamp.nullable(),
  expires_at: timestamp.meta({ description: 'An hour after creation; from then on turns are refused (410).' }),
  end_reason: z.enum(['hangup', 'expired']).nullable(),
  duration_ms: nullableNumber.meta({ description: 'From creation to hanging up (or expiry); null while the call is on.' }),
  turn_count: z.number().int(),
  interrupted_count: z.number().int(),
  cost: z.object({ model_usd: z.number(), transcription_usd: z.number(), speech_usd: z.number(), total_usd: z.number() }),
  timings: z
    .array(
      z.object({
        turn_id: z.uuid(),
        input: z.enum(['voice', 'text']),
        user_message_id: z.uuid().nullable(),
        assistant_message_id: z.uuid().nullable(),
        speech_ms: nullableMs.meta({ description: 'How long the person spoke.' }),
        transcript_ms: nullableMs.meta({ description: 'From the request to the transcript.' }),
        first_token_ms: nullableMs.meta({ description: "From the request to the reply's first text." }),
        first_audio_ms: nullableMs.meta({ description: "From the request to the first sentence's synthesized audio." }),
        playback_ms: nullableMs.meta({ description: "Reported by the client: from the end of the person's speech to the reply starting to play." }),
        total_ms: nullableMs,
        interrupted: z.boolean(),
        created_at: timestamp,
      }),
    )
    .optional()
    .meta({ description: "Every turn's latency, oldest first (GET and end only)." }),
});
