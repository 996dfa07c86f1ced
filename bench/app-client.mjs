// The app as a person's browser uses it: a guest session, conversations on a chosen model, and
// timed chat turns.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { holdStream, runBlock, timeStream } from './load.mjs';
import { SetupError } from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEXT_DELTA = /"type":"text-delta"/;
const STREAM_ERROR = '"type":"error"';
// The REST API's Anthropic-style events.
const API_TEXT_DELTA = /"type":"content_block_delta"/;
const API_STREAM_ERROR = 'event: error';
const API_STREAM_END = '{"type":"message_stop"}';
const SETUP_CONCURRENCY = 4;

/**
 * Signs in as a guest and picks a companion. The session's prepareConversations(count) makes
 * conversations on `model`; send(conversationId) times one chat turn, sendApi(conversationId) one
 * through the REST API, and hold(conversationId) reads one web chat turn lightly (capacity runs).
 */
export async function openSession(baseUrl, model) {
  const jar = await signInAsGuest(baseUrl);
  const companion = await pickCompanion(baseUrl, jar);
  const prepareConversation = async () => {
    const conversation = await createConversation(baseUrl, jar, companion.slug, model);
    if (conversation.error) throw new SetupError(`Could not create a conversation on ${model}: ${conversation.error}`);
    return conversation.id;
  };
  return {
    baseUrl,
    companion,
    prepareConversations: (count, concurrency = SETUP_CONCURRENCY) =>
      runBlock({ concurrency, requests: count, send: prepareConversation }),
    send: (conversationId) => timedAppRequest(baseUrl, jar, conversationId),
    sendApi: (conversationId) => timedApiRequest(baseUrl, jar, conversationId),
    hold: (conversationId) => heldAppRequest(baseUrl, jar, conversationId),
  };
}

/** Just enough of a cookie jar for next-auth: name=value pairs, no paths or expiry. */
function cookieJar() {
  const cookies = new Map();
  return {
    keep(response) {
      for (const cookie of response.headers.getSetCookie()) {
        const pair = cookie.split(';')[0];
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    },
    has: (name) => cookies.has(name),
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  };
}

export async function signInAsGuest(baseUrl) {
  const jar = cookieJar();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${baseUrl}/api/auth/callback/guest`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
  jar.keep(response);
  const body = await response.text();
  if (!jar.has('next-auth.session-token')) {
    throw new SetupError(`Guest sign-in gave no session cookie (HTTP ${response.status}): ${body}`);
  }
  return jar;
}

/** Companion slugs, from the avatar files that are named after them. */
function companionSlugs() {
  return readdirSync(path.join(ROOT, 'public', 'avatars'))
    .filter((file) => file.endsWith('.svg') && file !== 'you.svg')
    .map((file) => file.slice(0, -'.svg'.length))
    .sort();
}

export async function createConversation(baseUrl, jar, companion, model) {
  const response = await fetch(`${baseUrl}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify({ companion, model }),
  });
  const body = await response.text();
  if (response.status !== 201) return { error: `HTTP ${response.status}: ${body}` };
  return JSON.parse(body);
}

/** The first companion slug the server accepts (trying it makes one conversation). */
async function pickCompanion(baseUrl, jar) {
  const failures = [];
  for (const slug of companionSlugs()) {
    const conversation = await createConversation(baseUrl, jar, slug);
    if (!conversation.error) return { slug, name: conversation.companion?.name ?? slug };
    failures.push(`${slug}: ${conversation.error}`);
  }
  throw new SetupError(`No companion could start a conversation:\n${failures.join('\n')}`);
}

let messageCount = 0;
function nextMessage() {
  messageCount += 1;
  return `Tell me about something small that made you smile today, message ${messageCount}.`;
}

// BENCH_BRANCHED=1: every second web chat turn of a conversation regenerates the reply before it,
// so the conversations measured are branched (docs/architecture/branches.md).
const BRANCHED = process.env.BENCH_BRANCHED === '1';
const turnsSent = new Map();

function appTurn(conversationId) {
  const turn = (turnsSent.get(conversationId) ?? 0) + 1;
  turnsSent.set(conversationId, turn);
  return BRANCHED && turn % 2 === 0
    ? { action: 'regenerate', conversationId }
    : { action: 'send', conversationId, text: nextMessage() };
}

/** One chat turn. headersMs: the chat route answers once the turn is authorized and saved, as the model starts. */
function timedAppRequest(baseUrl, jar, conversationId) {
  return timeStream(
    `${baseUrl}/api/chat`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jar.header() },
      body: JSON.stringify(appTurn(conversationId)),
    },
    { firstText: TEXT_DELTA, errorText: STREAM_ERROR },
  );
}

/** One chat turn read by holdStream: the tokens it relayed are its text-delta parts. */
function heldAppRequest(baseUrl, jar, conversationId) {
  return holdStream(
    `${baseUrl}/api/chat`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jar.header() },
      body: JSON.stringify({ action: 'send', conversationId, text: nextMessage() }),
    },
    { marker: '"type":"text-delta"', errorText: STREAM_ERROR },
  );
}

/** One turn through the REST API's SSE route: POST .../messages with stream: true. */
function timedApiRequest(baseUrl, jar, conversationId) {
  return timeStream(
    `${baseUrl}/api/v1/conversations/${conversationId}/messages`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jar.header() },
      body: JSON.stringify({ content: nextMessage(), stream: true }),
    },
    { firstText: API_TEXT_DELTA, errorText: API_STREAM_ERROR, lastText: `data: ${API_STREAM_END}` },
  );
}
