// `npm run bench:voice`: what the voice cascade adds to a call turn beyond its providers. Figures,
// not a test. Loopback servers with fixed delays stand in for speech to text (Groq's Whisper API),
// the model (Groq's chat completions, streamed) and text to speech (OpenAI's /audio/speech). Each
// iteration times, from the moment the turn's request is read (the person's end of speech plus the
// upload) to the first sentence's audio:
//   app     the real turn, in process: the multipart body parsed and checked, the call read, the
//           audio stored, transcription, the one chat pipeline (database reads and writes, memory
//           recall, prompt), the sentence splitter, synthesis;
//   direct  the same three provider calls made back to back with fetch and nothing else.
// app - direct is the time the app adds. They alternate so machine noise reaches both. PGlite in
// memory, and PostgreSQL too when DATABASE_URL is set. Results: bench/results/voice.md and .json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { createCall } from '@/lib/calls/calls';
import { startCallTurn } from '@/lib/calls/turn';
import { receiveTurn } from '@/lib/calls/utterance';
import { openDatabase, type Database } from '@/lib/db';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { wavFile } from '@/lib/testing/media';
import { sentenceSplitter } from '@/lib/voice/sentences';
import { timings } from './stats.ts';

const KEY = 'bench-voice-key';
const DELAYS = { transcriptionMs: 150, firstTokenMs: 200, chunkMs: 15, speechMs: 120 };
const REPLY =
  'Nice to meet you, Robin. How is life in Utrecht these days? I would love to hear what you enjoy most about living there.';
const WARMUP = 5;
const ITERATIONS = Number(process.env.BENCH_VOICE_ITERATIONS ?? 40);
const TURNS_PER_CALL = 10;
const UTTERANCE = wavFile(1.5);
const ROOT = path.resolve(import.meta.dirname, '..');

type Figures = { app: number[]; direct: number[]; added: number[] };

async function main() {
  const groq = await startOpenAICompatibleServer({
    apiKey: KEY,
    flavor: 'groq',
    basePath: '/openai/v1',
    transcriptionDelayMs: DELAYS.transcriptionMs,
    scenario: { text: REPLY, firstTokenDelayMs: DELAYS.firstTokenMs, chunkDelayMs: DELAYS.chunkMs },
  });
  const openai = await startOpenAICompatibleServer({ apiKey: KEY, speechDelayMs: DELAYS.speechMs });
  const env = {
    GROQ_API_KEY: KEY,
    GROQ_BASE_URL: groq.url,
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.url,
    SPEECH_PROVIDER: 'openai',
    MEMORY_EXTRACTOR: 'rules',
  };
  // A new conversation takes its model from the deployment's keys (process.env): Groq's, here.
  Object.assign(process.env, env);
  const results: Record<string, Figures> = {};
  try {
    const databases: [string, () => Promise<Database>][] = [['PGlite', () => openDatabase({ memory: true })]];
    if (process.env.DATABASE_URL) databases.push(['PostgreSQL', () => openDatabase({ url: process.env.DATABASE_URL })]);
    for (const [name, open] of databases) {
      console.log(`${name}: ${WARMUP} warm-up and ${ITERATIONS} measured turns…`);
      results[name] = await measure(await open(), env, groq, openai);
    }
  } finally {
    await afterRepliesSettled();
    await Promise.all([groq.close(), openai.close()]);
  }
  report(results);
}

async function measure(
  db: Database,
  env: Record<string, string>,
  groq: FakeProviderServer,
  openai: FakeProviderServer,
): Promise<Figures> {
  const root = await mkdtemp(path.join(tmpdir(), 'hearth-bench-voice-'));
  const store = localBlobStore(root);
  const user = await createTestUser(db, 'bench-voice');
  const figures: Figures = { app: [], direct: [], added: [] };
  let callId = '';
  try {
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      if (i % TURNS_PER_CALL === 0) callId = (await createCall(user, { companion: 'lucia', language: 'en-US' }, db)).id;
      const app = await appTurn(user, callId, db, env, store);
      const direct = await directTurn(groq, openai);
      if (i < WARMUP) continue;
      figures.app.push(app);
      figures.direct.push(direct);
      figures.added.push(app - direct);
    }
  } finally {
    await afterRepliesSettled();
    await db.close();
    await rm(root, { recursive: true, force: true });
  }
  return figures;
}

/** The real turn, from reading the request to the first audio event. */
async function appTurn(
  user: { id: string },
  callId: string,
  db: Database,
  env: Record<string, string>,
  store: ReturnType<typeof localBlobStore>,
): Promise<number> {
  const form = new FormData();
  form.append('audio', new Blob([Buffer.from(UTTERANCE)]), 'utterance.wav');
  form.append('language', 'en-US');
  const request = new Request('http://bench.local/api/v1/calls/x/turns', { method: 'POST', body: form });
  const started = performance.now();
  const input = await receiveTurn(request);
  const turn = await startCallTurn(user, callId, input, { db, env, store });
  let firstAudio: number | null = null;
  for await (const event of turn.events) {
    if (event.type === 'audio' && firstAudio === null) firstAudio = performance.now() - started;
    if (event.type === 'error') throw new Error(event.error.message);
    if (event.type === 'timing' && process.env.BENCH_VOICE_DEBUG) console.log(event);
  }
  await turn.finished;
  if (firstAudio === null) throw new Error('the turn produced no audio');
  return firstAudio;
}

/** The same three provider calls, back to back, with nothing in between. */
async function directTurn(groq: FakeProviderServer, openai: FakeProviderServer): Promise<number> {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(UTTERANCE)], { type: 'audio/wav' }), 'utterance.wav');
  form.append('model', 'whisper-large-v3-turbo');
  form.append('language', 'en');
  form.append('response_format', 'verbose_json');
  const auth = { authorization: `Bearer ${KEY}` };
  const heard = (await (
    await fetch(`${groq.url}/audio/transcriptions`, { method: 'POST', headers: auth, body: form })
  ).json()) as { text: string };

  const chat = await fetch(`${groq.url}/chat/completions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'llama-3.3-70b-versatile',
      stream: true,
      messages: [{ role: 'user', content: heard.text }],
    }),
  });
  const splitter = sentenceSplitter('en-US');
  const reader = chat.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let sentence: string | undefined;
  while (sentence === undefined) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const delta = (JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta
        ?.content;
      if (delta) sentence ??= splitter.push(delta)[0];
    }
  }
  void reader.cancel();
  const speech = await fetch(`${openai.url}/audio/speech`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini-tts', input: sentence ?? REPLY, voice: 'alloy' }),
  });
  await speech.arrayBuffer();
  return performance.now() - started;
}

function report(results: Record<string, Figures>) {
  const round = (n: number) => Math.round(n * 10) / 10;
  const rows = Object.entries(results).map(([name, f]) => {
    const [app, direct, added] = [timings(f.app), timings(f.direct), timings(f.added)];
    return {
      database: name,
      turns: f.app.length,
      app: mapRound(app, round),
      direct: mapRound(direct, round),
      added: mapRound(added, round),
    };
  });
  const target = 150;
  const md = [
    '# Voice: time the app adds to a call turn',
    '',
    `From reading the turn's request (end of speech plus upload) to the first sentence's audio, against loopback providers with fixed delays: speech to text ${DELAYS.transcriptionMs} ms, the model's first token ${DELAYS.firstTokenMs} ms then ${DELAYS.chunkMs} ms a chunk, text to speech ${DELAYS.speechMs} ms. "direct" makes the same three provider calls back to back with fetch; "added" is app minus direct per iteration (they alternate). Target: added ≤ ${target} ms p50. ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite'}, 2 shared cores.`,
    '',
    '| database | turns | app p50 / p95 (ms) | direct p50 / p95 (ms) | added p50 / p95 / max (ms) | target |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.turns} | ${r.app.p50} / ${r.app.p95} | ${r.direct.p50} / ${r.direct.p95} | ${r.added.p50} / ${r.added.p95} / ${r.added.max} | ${r.added.p50 <= target ? 'met' : 'missed'} |`,
    ),
    '',
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'voice.md'), md);
  writeFileSync(
    path.join(ROOT, 'bench', 'results', 'voice.json'),
    JSON.stringify({ delays: DELAYS, iterations: ITERATIONS, rows, raw: results }, null, 2),
  );
  console.log(md);
}

function mapRound<T extends Record<string, number>>(values: T, round: (n: number) => number): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v)])) as T;
}

await main();
