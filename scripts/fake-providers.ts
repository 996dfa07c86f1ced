// `npm run dev:fake-providers`: fake model providers on 127.0.0.1 for trying Hearth without keys or
// network. One OpenAI-compatible server (OpenAI, Groq, OpenRouter and local clients all work
// against it) and one Gemini server, replying at a human pace; markers in a message trigger the
// error paths. Runs until Ctrl-C. Ports: FAKE_OPENAI_PORT (4010), FAKE_GEMINI_PORT (4011),
// FAKE_GROQ_PORT (4012: Groq's own paths, which groq-sdk lists models from), FAKE_ELEVENLABS_PORT
// (4013: ElevenLabs text to speech); key: FAKE_PROVIDERS_KEY (fake-key); pace:
// FAKE_PROVIDERS_FIRST_TOKEN_MS (700), FAKE_PROVIDERS_WORD_MS (60), FAKE_PROVIDERS_SPEECH_MS (0, before
// each text-to-speech answer). OpenAI's and Gemini's text to speech are on their servers.
import {
  markerScenario,
  startGeminiServer,
  startElevenLabsServer,
  startOpenAICompatibleServer,
  type RecordedRequest,
  type Scenario,
} from '../lib/testing/fake-providers/index.ts';

const env = process.env;
const number = (value: string | undefined, fallback: number) =>
  value && Number.isFinite(Number(value)) ? Number(value) : fallback;
const openaiPort = number(env.FAKE_OPENAI_PORT, 4010);
const geminiPort = number(env.FAKE_GEMINI_PORT, 4011);
const groqPort = number(env.FAKE_GROQ_PORT, 4012);
const elevenLabsPort = number(env.FAKE_ELEVENLABS_PORT, 4013);
const key = env.FAKE_PROVIDERS_KEY || 'fake-key';
const firstTokenDelayMs = number(env.FAKE_PROVIDERS_FIRST_TOKEN_MS, 700);
const chunkDelayMs = number(env.FAKE_PROVIDERS_WORD_MS, 60);
const speechDelayMs = number(env.FAKE_PROVIDERS_SPEECH_MS, 0);

const LINES = [
  'Take your time; I am here and listening.',
  'Tell me a little more about that, if you like.',
  'That sounds like a lot to carry. What would help most right now?',
  'I am only a fake provider, but I am glad you wrote.',
  'Try [fail:500], [drop] or [stall] in a message to see how Hearth copes when a provider misbehaves.',
];
let replies = 0;

/** The system prompt a generation request carries: OpenAI's system/developer messages or Gemini's systemInstruction. */
function systemTextOf(request: RecordedRequest): string {
  const body = request.body as {
    messages?: { role?: string; content?: unknown }[];
    systemInstruction?: { parts?: { text?: string }[] };
  };
  const textOf = (content: unknown): string =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((part: { text?: string }) => part?.text ?? '').join('')
        : '';
  const fromMessages = (body?.messages ?? [])
    .filter((m) => m?.role === 'system' || m?.role === 'developer')
    .map((m) => textOf(m.content));
  return [...fromMessages, textOf(body?.systemInstruction?.parts)].filter(Boolean).join('\n\n');
}

function friendlyReply(server: string, request: RecordedRequest): Scenario {
  // "[instructions]" in a message: the reply is the system prompt the model was given, for tests
  // that must see what reached it (e2e/persona.spec.ts).
  if (request.lastUserText?.includes('[instructions]'))
    return {
      text: `Instructions received: ${systemTextOf(request)} [end of instructions]`,
      firstTokenDelayMs,
      chunkDelayMs: 0,
    };
  const said = (request.lastUserText ?? '').trim().replace(/\s+/g, ' ');
  const quoted = said.length > 80 ? `${said.slice(0, 77)}...` : said;
  const text = [
    `Hi! This is the fake ${server} server answering as ${request.model ?? 'an unnamed model'}.`,
    quoted ? `You said: "${quoted}".` : '',
    LINES[replies++ % LINES.length],
  ]
    .filter(Boolean)
    .join(' ');
  return {
    text,
    firstTokenDelayMs,
    chunkDelayMs,
    usage: {
      inputTokens: Math.ceil(JSON.stringify(request.body ?? '').length / 4),
      outputTokens: text.split(' ').length,
    },
  };
}

const log = (server: string) => (line: string) =>
  console.log(`${new Date().toTimeString().slice(0, 8)} [${server}] ${line}`);

async function start<Server>(name: string, port: number, run: () => Promise<Server>): Promise<Server> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      console.error(
        `Port ${port} (${name}) is taken: stop whatever uses it or pick another port with the env vars above.`,
      );
      process.exit(1);
    }
    throw error;
  }
}

const openai = await start('OpenAI-compatible', openaiPort, () =>
  startOpenAICompatibleServer({
    port: openaiPort,
    apiKey: key,
    flavor: 'any',
    models: [{ id: 'fake-chat', name: 'Fake chat', context_length: 32_768, pricing: { prompt: '0', completion: '0' } }],
    scenario: (request) => ({ ...friendlyReply('OpenAI-compatible', request), ...markerScenario(request) }),
    log: log('openai'),
    speechDelayMs,
  }),
);
const groq = await start('Groq', groqPort, () =>
  startOpenAICompatibleServer({
    port: groqPort,
    apiKey: key,
    flavor: 'groq',
    basePath: '/openai/v1',
    models: [
      { id: 'llama-3.3-70b-versatile', context_length: 131_072 },
      { id: 'llama-3.1-8b-instant', context_length: 131_072 },
    ],
    scenario: (request) => ({ ...friendlyReply('Groq', request), ...markerScenario(request) }),
    log: log('groq'),
  }),
);
const gemini = await start('Gemini', geminiPort, () =>
  startGeminiServer({
    port: geminiPort,
    apiKey: key,
    models: ['gemini-2.5-flash'],
    scenario: (request) => ({ ...friendlyReply('Gemini', request), ...markerScenario(request) }),
    log: log('gemini'),
    speechDelayMs,
  }),
);
const elevenLabs = await start('ElevenLabs', elevenLabsPort, () =>
  startElevenLabsServer({ port: elevenLabsPort, apiKey: key, delayMs: speechDelayMs, log: log('elevenlabs') }),
);

console.log(`Fake providers are listening. Put these lines in .env, then restart \`npm run dev\`:

GOOGLE_GENERATIVE_AI_API_KEY=${key}
GOOGLE_BASE_URL=${gemini.url}
OPENAI_API_KEY=${key}
OPENAI_BASE_URL=${openai.url}
GROQ_API_KEY=${key}
GROQ_BASE_URL=${groq.url}
OPENROUTER_API_KEY=${key}
OPENROUTER_BASE_URL=${openai.url}
LOCAL_LLM_BASE_URL=${openai.url}
LOCAL_LLM_API_KEY=${key}
ELEVENLABS_API_KEY=${key}
ELEVENLABS_BASE_URL=${elevenLabs.url}

The companions' default model is google/gemini-2.5-flash, so their replies come from the Gemini server;
when it fails before its first word, the chat falls back to Groq, then OpenRouter (the servers above).
Any model name works. Put one of these in a message (or use a model named fake-fail-500,
fake-drop, fake-stall, fake-slow) to try the error paths:
  [fail:500]  HTTP 500 in the provider's error format (any status works: [fail:503], [fail:400], ...);
              the marker travels with the message, so every fallback fails too, and the last
              model is retried twice by the AI SDK (2 s then 4 s apart)
  [fail:401]  HTTP 401, as for a wrong key (reported, no fallback)
  [fail:429]  HTTP 429 with retry-after: 1 (reported with the wait, no fallback)
  [drop]      streams four words, then drops the connection
  [stall]     sends the headers, then nothing: press Stop in the chat to end it
  [slow]      waits 5 s before the first word
Also served: GET ${openai.url}/models, GET ${openai.origin}/api/tags (Ollama), GET ${gemini.url}/models,
voice-note transcription (POST ${openai.url}/audio/transcriptions, ${groq.url}/audio/transcriptions),
pictures (POST ${openai.url}/images/generations) and text to speech for calls, as a murmured tone
whose length follows the text (OpenAI: POST ${openai.url}/audio/speech; ElevenLabs:
POST ${elevenLabs.url}/v1/text-to-speech/{voice_id}; Gemini: generateContent on a *-tts model with
responseModalities AUDIO). Calls speak with OpenAI's first; SPEECH_PROVIDER=elevenlabs or google picks
another. [fail:500] or [slow] in the spoken text tries the error paths there too.
Requests are logged below. Ctrl-C to stop.
`);

let stopping = false;
async function stop() {
  if (stopping) process.exit(1); // a second Ctrl-C
  stopping = true;
  await Promise.all([openai.close(), groq.close(), gemini.close(), elevenLabs.close()]);
  console.log('Fake providers stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
