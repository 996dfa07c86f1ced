// The bench's model provider: a loopback OpenAI chat-completions server in a process of its own,
// so its CPU is not counted as the app's. Started by run.mjs with fork(), which passes the pace as
// a JSON argument and talks to it over the IPC channel:
//   -> { type: 'ready', url, apiKey }                    once listening
//   <- { type: 'last-chat-request' }
//   -> { type: 'last-chat-request', body, chatRequests } the newest chat request and how many came so far
//   <- { type: 'set-pace', pace }
//   -> { type: 'set-pace' }                             every later request streams at that pace
import { startOpenAICompatibleServer, type RecordedRequest } from '../lib/testing/fake-providers/index.ts';

type Pace = { tokens: number; firstTokenDelayMs: number; chunkDelayMs: number };

const API_KEY = 'bench-key';
const WORDS = 'Thank you for telling me about your day, it sounds like a small and good moment worth keeping'.split(
  ' ',
);

function scenario(pace: Pace) {
  return {
    text: Array.from({ length: pace.tokens }, (_, i) => WORDS[i % WORDS.length]).join(' '),
    firstTokenDelayMs: pace.firstTokenDelayMs,
    chunkDelayMs: pace.chunkDelayMs,
    usage: { outputTokens: pace.tokens },
  };
}

const server = await startOpenAICompatibleServer({
  apiKey: API_KEY,
  flavor: 'openai',
  scenario: scenario(JSON.parse(process.argv[2] ?? '{}')),
});

const isChatRequest = (request: RecordedRequest) =>
  request.method === 'POST' && request.path.endsWith('/chat/completions');

process.on('message', (message: { type?: string; pace?: Pace }) => {
  if (message.type === 'set-pace') {
    server.setScenario(scenario(message.pace!));
    process.send!({ type: 'set-pace' });
    return;
  }
  if (message.type !== 'last-chat-request') return;
  const chatRequests = server.requests.filter(isChatRequest);
  process.send!({
    type: 'last-chat-request',
    body: chatRequests.at(-1)?.body ?? null,
    chatRequests: chatRequests.length,
  });
});
// The parent going away (even by SIGKILL) closes the channel: stop with it.
process.on('disconnect', () => void server.close().then(() => process.exit(0)));

process.send!({ type: 'ready', url: server.url, apiKey: API_KEY });
