// `npm run bench:memory`: how well companions remember, through the real pipeline. Figures, not
// a test. Each dialogue of dialogues.json is a new person talking to a companion over several
// conversations (the offline model answers, the rule extractor learns); then its questions are
// asked in fresh conversations. Reported: recall@5 of the memory a question needs, outdated
// memories replaced, answer accuracy, tokens the memories add to the prompt, retrieval time at
// 10,000 memories for one person (PGlite, and PostgreSQL at DATABASE_URL when set), and the time
// to first token with memory on and off. BENCH_MODEL=provider/model (with its key set) also
// measures a real model's answers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '@/lib/chat/pipeline';
import { openDatabase, type Database } from '@/lib/db';
import { listMemories, memoryCandidates, setMemorySetting } from '@/lib/memory/queries';
import { withUser } from '@/lib/db/scope';
import { memorySection } from '@/lib/memory/prompt';
import { queryTerms } from '@/lib/memory/query';
import { DEFAULT_MEMORY_BUDGET, rankMemories, recallMemories } from '@/lib/memory/recall';
import { createTestUser } from '@/lib/testing/databases';
import { estimateTokens } from '@/lib/text';
import { percentile as nearestRank, timings } from '../stats.ts';
import { distractors, generateMemories } from './synthetic.ts';

const percentile = (values: number[], p: number) => nearestRank(values, p) ?? NaN;

type Question = { ask: string; expect: string; outdated?: string; covered: boolean };
type Dialogue = { id: string; companion: string; sessions: string[][]; questions: Question[] };

const ROOT = path.resolve(import.meta.dirname, '../..');
const { dialogues } = JSON.parse(readFileSync(path.join(import.meta.dirname, 'dialogues.json'), 'utf8')) as {
  dialogues: Dialogue[];
};
// The offline model without its human-like pauses; no keys, so nothing else answers.
const OFFLINE = { OFFLINE_MODEL_FIRST_TOKEN_MS: '0', OFFLINE_MODEL_WORD_MS: '0' };
const CROWD = 300;
const RETRIEVAL_MEMORIES = 10_000;
const RETRIEVALS = 300;
const TTFT_TURNS = 60;

type User = { id: string };
const includes = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());
const ratio = (hits: number, total: number) => (total ? hits / total : NaN);

async function turn(
  db: Database,
  user: User,
  conversationId: string,
  text: string,
  env: Record<string, string | undefined> = OFFLINE,
) {
  const started = await startChatTurn(user, { action: 'send', conversationId, text }, { db, env });
  const reply = await started.saved;
  await started.remembered;
  return reply.text;
}

async function companionIds(db: Database): Promise<Record<string, string>> {
  const rows = await db.query<{ slug: string; id: string }>('select slug, id from hearth.companions');
  return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
}

/** The top five memories the pipeline's ranking gives a question. */
async function topFive(db: Database, user: User, companionId: string, ask: string): Promise<string[]> {
  const candidates = await withUser(user, (tx) => memoryCandidates(tx, { companionId, terms: queryTerms(ask) }), db);
  return rankMemories(candidates)
    .slice(0, 5)
    .map((m) => m.content);
}

async function recallBench(db: Database) {
  const companions = await companionIds(db);
  const realModel = process.env.BENCH_MODEL;
  const rows: {
    dialogue: string;
    ask: string;
    covered: boolean;
    hit: boolean;
    crowdHit: boolean;
    replaced: boolean | null;
    offlineRight: boolean;
    modelRight: boolean | null;
    tokens: number;
  }[] = [];
  for (const dialogue of dialogues) {
    const user = await createTestUser(db, dialogue.id);
    const companionId = companions[dialogue.companion]!;
    for (const session of dialogue.sessions) {
      const conversationId = (await startConversation(user, { companion: dialogue.companion }, db)).id;
      for (const message of session) await turn(db, user, conversationId, message);
    }
    const remembered = (await withUser(user, (tx) => listMemories(tx, companionId), db)).map((m) => m.content);
    const asked = [];
    for (const q of dialogue.questions) {
      const top = await topFive(db, user, companionId, q.ask);
      const budgeted = withUser(
        user,
        (tx) => recallMemories(tx, { companionId, text: q.ask, budgetTokens: DEFAULT_MEMORY_BUDGET }),
        db,
      );
      const section = memorySection(await budgeted);
      const offline = await turn(
        db,
        user,
        (await startConversation(user, { companion: dialogue.companion }, db)).id,
        q.ask,
      );
      let modelRight: boolean | null = null;
      if (realModel) {
        const conversation = await startConversation(user, { companion: dialogue.companion, model: realModel }, db);
        modelRight = includes(await turn(db, user, conversation.id, q.ask, process.env), q.expect);
      }
      asked.push({
        dialogue: dialogue.id,
        ask: q.ask,
        covered: q.covered,
        hit: top.some((m) => includes(m, q.expect)),
        crowdHit: false,
        replaced: q.outdated
          ? !remembered.some((m) => includes(m, q.outdated!)) && remembered.some((m) => includes(m, q.expect))
          : null,
        offlineRight: includes(offline, q.expect),
        modelRight,
        tokens: section ? estimateTokens(section) : 0,
      });
    }
    // The same questions once the person's memory is crowded with others like them.
    await withUser(
      user,
      async (tx) => {
        for (const draft of distractors(CROWD, dialogue.id)) {
          await tx.query(
            `insert into hearth.memories (companion_id, kind, content, importance, updated_at)
           values ($1, $2, $3, $4, now() - ($5 || ' days')::interval)`,
            [companionId, draft.kind, draft.content, draft.importance, draft.ageDays],
          );
        }
      },
      db,
    );
    for (const row of asked) {
      const q = dialogue.questions.find((x) => x.ask === row.ask)!;
      row.crowdHit = (await topFive(db, user, companionId, q.ask)).some((m) => includes(m, q.expect));
    }
    rows.push(...asked);
  }
  await afterRepliesSettled();
  const covered = rows.filter((r) => r.covered);
  const updates = rows.filter((r) => r.replaced !== null);
  const withModel = rows.filter((r) => r.modelRight !== null);
  return {
    dialogues: dialogues.length,
    questions: rows.length,
    recallAt5Covered: ratio(covered.filter((r) => r.hit).length, covered.length),
    recallAt5All: ratio(rows.filter((r) => r.hit).length, rows.length),
    recallAt5CoveredInCrowd: ratio(covered.filter((r) => r.crowdHit).length, covered.length),
    coveredQuestions: covered.length,
    outdatedReplaced: `${updates.filter((r) => r.replaced).length}/${updates.length}`,
    offlineAnswerAccuracy: ratio(rows.filter((r) => r.offlineRight).length, rows.length),
    modelAnswerAccuracy: withModel.length
      ? ratio(withModel.filter((r) => r.modelRight).length, withModel.length)
      : null,
    model: realModel ?? null,
    promptTokensMean: rows.reduce((s, r) => s + r.tokens, 0) / rows.length,
    promptTokensP95: percentile(
      rows.map((r) => r.tokens),
      95,
    ),
    misses: rows.filter((r) => r.covered && !r.hit).map((r) => `${r.dialogue}: ${r.ask}`),
  };
}

/** Retrieval as a turn runs it, inside the person's transaction, with 10,000 memories of theirs. */
async function retrievalBench(db: Database) {
  const companions = await companionIds(db);
  const user = await createTestUser(db, 'crowded');
  const companionId = companions.marcus!;
  await generateMemories(db, user.id, companionId, RETRIEVAL_MEMORIES);
  await db.query('analyze hearth.memories');
  const asks = dialogues.flatMap((d) => d.questions.map((q) => q.ask));
  const times: number[] = [];
  for (let i = 0; i < RETRIEVALS + 30; i++) {
    const ms = await withUser(
      user,
      async (tx) => {
        const start = performance.now();
        await recallMemories(tx, { companionId, text: asks[i % asks.length]!, budgetTokens: DEFAULT_MEMORY_BUDGET });
        return performance.now() - start;
      },
      db,
    );
    if (i >= 30) times.push(ms); // the first ones warm caches and plans
  }
  return { memories: RETRIEVAL_MEMORIES, retrievals: times.length, ...timings(times) };
}

/** Time to the first part of a reply with memory on (10,000 memories) and off, and how long the work after it takes. */
async function ttftBench(db: Database) {
  const user = await createTestUser(db, 'ttft');
  const companionId = (await companionIds(db)).marcus!;
  await generateMemories(db, user.id, companionId, RETRIEVAL_MEMORIES);
  const measure = async () => {
    const ttft: number[] = [];
    const afterwards: number[] = [];
    for (let i = 0; i < TTFT_TURNS; i++) {
      const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
      const start = performance.now();
      const started = await startChatTurn(
        user,
        { action: 'send', conversationId, text: `I live in Utrecht and I love jazz number ${i}.` },
        { db, env: OFFLINE },
      );
      const reader = started.parts.getReader();
      await reader.read();
      ttft.push(performance.now() - start);
      while (!(await reader.read()).done);
      await started.saved;
      const saved = performance.now();
      await started.remembered;
      afterwards.push(performance.now() - saved);
    }
    return { p50: percentile(ttft, 50), p95: percentile(ttft, 95), memoryWorkAfterSaveP50: percentile(afterwards, 50) };
  };
  const on = await measure();
  await withUser(user, (tx) => setMemorySetting(tx, companionId, false), db);
  const off = await measure();
  return { on, off };
}

function report(results: Record<string, unknown>): string {
  const r = results as {
    recall: Awaited<ReturnType<typeof recallBench>>;
    retrieval: Record<string, Awaited<ReturnType<typeof retrievalBench>>>;
    ttft: Awaited<ReturnType<typeof ttftBench>>;
  };
  const f = (n: number | null, digits = 2) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
  const lines = [
    `# Memory benchmark (${new Date().toISOString()})`,
    '',
    `${r.recall.dialogues} dialogues, ${r.recall.questions} questions (${r.recall.coveredQuestions} on statements the offline rules cover).`,
    '',
    '| Figure | Result | Target |',
    '| --- | --- | --- |',
    `| recall@5, statements the rules cover | ${f(r.recall.recallAt5Covered)} | ≥ 0.9 |`,
    `| recall@5, with ${CROWD} other memories per person | ${f(r.recall.recallAt5CoveredInCrowd)} | |`,
    `| recall@5, every question (incl. statements the rules miss) | ${f(r.recall.recallAt5All)} | |`,
    `| outdated memories replaced | ${r.recall.outdatedReplaced} | all |`,
    `| answers right, offline model (reads its notes) | ${f(r.recall.offlineAnswerAccuracy)} | |`,
    `| answers right, ${r.recall.model ?? 'real model'} | ${r.recall.model ? f(r.recall.modelAnswerAccuracy) : 'n/a (set BENCH_MODEL and its key)'} | |`,
    `| prompt tokens added by memories, mean / p95 | ${f(r.recall.promptTokensMean, 0)} / ${f(r.recall.promptTokensP95, 0)} | ≤ 600 |`,
    ...Object.entries(r.retrieval).map(
      ([name, x]) =>
        `| retrieval at ${x.memories.toLocaleString('en-US')} memories, ${name}: p50 / p95 / max ms | ${f(x.p50)} / ${f(x.p95)} / ${f(x.max)} | p95 ≤ 10 |`,
    ),
    `| time to first part, memory on (10,000 memories) p50 / p95 ms | ${f(r.ttft.on.p50)} / ${f(r.ttft.on.p95)} | |`,
    `| time to first part, memory off p50 / p95 ms | ${f(r.ttft.off.p50)} / ${f(r.ttft.off.p95)} | |`,
    `| memory work after the reply is saved, p50 ms (off the reply path) | ${f(r.ttft.on.memoryWorkAfterSaveP50)} | 0 added to TTFT |`,
    '',
    r.recall.misses.length ? `Covered questions missed: ${r.recall.misses.join('; ')}` : 'No covered question missed.',
  ];
  return lines.join('\n');
}

const results: Record<string, unknown> = {};
const pglite = await openDatabase({ memory: true });
try {
  results.recall = await recallBench(pglite);
  results.retrieval = { pglite: await retrievalBench(pglite) };
  results.ttft = await ttftBench(pglite);
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  const postgres = await openDatabase({ url: process.env.DATABASE_URL });
  try {
    (results.retrieval as Record<string, unknown>).postgres = await retrievalBench(postgres);
  } finally {
    await postgres.close();
  }
}
const markdown = report(results);
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/memory.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(ROOT, 'bench/results/memory.md'), `${markdown}\n`);
console.log(markdown);
