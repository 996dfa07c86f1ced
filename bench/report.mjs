// Turning timed requests into percentiles, target checks and a markdown report.
import { percentile } from './stats.ts';

export const PERCENTILES = [50, 95, 99];

/** The issue's targets; value(level) reads the figure from one concurrency level's results. */
export const TARGETS = [
  { concurrency: 1, figure: 'added p50', max: 8, unit: 'ms', value: (level) => level.added.p50 },
  { concurrency: 10, figure: 'added p50', max: 15, unit: 'ms', value: (level) => level.added.p50 },
  { concurrency: 10, figure: 'added p95', max: 40, unit: 'ms', value: (level) => level.added.p95 },
  { concurrency: 100, figure: 'app errors', max: 0, unit: '', value: (level) => level.app.errors },
];


const round = (value) => (value === null ? null : Math.round(value * 10) / 10);

/** Percentiles of TTFT, time to headers and total time over the successful requests of a run. */
export function summarize(results) {
  const ok = results.filter((r) => r.ok);
  const of = (key) => Object.fromEntries(PERCENTILES.map((p) => [`p${p}`, round(percentile(ok.map((r) => r[key]), p))]));
  return { requests: results.length, errors: results.length - ok.length, ttftMs: of('ttftMs'), headersMs: of('headersMs'), totalMs: of('totalMs') };
}

/** App minus direct TTFT at each percentile (not per pair: the two runs are separate requests). */
export function added(app, direct) {
  return Object.fromEntries(
    PERCENTILES.map((p) => {
      const [a, d] = [app.ttftMs[`p${p}`], direct.ttftMs[`p${p}`]];
      return [`p${p}`, a === null || d === null ? null : round(a - d)];
    }),
  );
}

/** Every target with the measured value and whether it is met (a missing value is not). */
export function checkTargets(levels) {
  return TARGETS.map(({ concurrency, figure, max, unit, value }) => {
    const level = levels.find((l) => l.concurrency === concurrency);
    const measured = level ? value(level) : null;
    return { concurrency, figure, max, unit, measured, met: measured !== null && measured <= max };
  });
}

const mb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const ms = (value) => (value === null || value === undefined ? 'n/a' : value.toFixed(1));
const pair = (summary, key) => `${ms(summary[key].p50)} / ${ms(summary[key].p95)}`;
const row = (cells) => `| ${cells.join(' | ')} |`;
const targetCell = (target) => (target ? `≤ ${target.max}${target.unit && ` ${target.unit}`}` : '');
const metCell = (target) => (target ? (target.met ? 'met' : '**missed**') : '');

function ttftTable(levels, targets) {
  const lines = [
    row(['streams', 'percentile', 'app TTFT', 'direct TTFT', 'added', 'target', 'met']),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---']),
  ];
  for (const level of levels) {
    for (const p of PERCENTILES) {
      const key = `p${p}`;
      const target = targets.find((t) => t.concurrency === level.concurrency && t.figure === `added ${key}`);
      lines.push(row([level.concurrency, key, ms(level.app.ttftMs[key]), ms(level.direct.ttftMs[key]), ms(level.added[key]), targetCell(target), metCell(target)]));
    }
  }
  return lines;
}

function loadTable(levels, targets) {
  const lines = [
    row(['streams', 'requests (app / direct)', 'app errors', 'target', 'met', 'direct errors', 'streams/s (app / direct)', 'CPU per request: server / PostgreSQL', 'server RSS peak', 'app headers p50 / p95', 'app total p50 / p95', 'direct total p50 / p95', 'cores used: server / PostgreSQL / bench / provider / other']),
    row(['---:', '---:', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const level of levels) {
    const target = targets.find((t) => t.concurrency === level.concurrency && t.figure === 'app errors');
    const { server, database, bench, provider, others } = level.cpuCores;
    const postgres = level.databaseCpuMsPerRequest === null ? null : database;
    lines.push(
      row([
        level.concurrency,
        `${level.app.requests} / ${level.direct.requests}`,
        level.app.errors,
        targetCell(target),
        metCell(target),
        level.direct.errors,
        `${level.throughput.app.toFixed(1)} / ${level.throughput.direct.toFixed(1)}`,
        `${ms(level.serverCpuMsPerRequest)} / ${ms(level.databaseCpuMsPerRequest)} ms`,
        mb(level.serverRssPeak),
        `${pair(level.app, 'headersMs')} ms`,
        `${pair(level.app, 'totalMs')} ms`,
        `${pair(level.direct, 'totalMs')} ms`,
        [server, postgres, bench, provider, others].map((cores) => (cores === null ? 'n/a' : cores.toFixed(2))).join(' / '),
      ]),
    );
  }
  return lines;
}

function explanations(result) {
  const { machine, settings } = result;
  const levels = settings.levels
    .map((l) => `${l.concurrency} stream(s): ${l.blocks} × ${l.requestsPerBlock} app and as many direct requests over ${l.conversations} conversations`)
    .join('; ');
  return [
    `Machine: Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${mb(machine.totalMemory)} RAM, ${machine.os}; Next.js ${machine.next}; database: ${settings.database}.`,
    `Settings: ${settings.warmup.requests} app requests at ${settings.warmup.concurrency} streams and ${settings.warmup.directRequests} direct ones to warm up (discarded); ${levels}. ` +
      `At each level blocks of app and direct requests alternate (app first, then direct first, and so on) so that drifts in the machine's load reach both. ` +
      `HTTP client: ${settings.httpClient}; companion "${settings.companion}", model ${settings.model}.`,
    `App TTFT runs from just before sending POST /api/chat to the first network chunk holding a text-delta; direct TTFT from just before sending ` +
      `the app's own provider request (captured after the warm-up, ${settings.directBodyBytes} bytes) to the provider to the first chunk holding content. ` +
      `"Added" is app minus direct at the same percentile. "App headers" is the time to the response headers, which the chat route sends once the turn is ` +
      `authorized and saved, as the model starts. An error is a failed request, a status other than 200, an error part, no text, or no [DONE]. ` +
      `Streams/s: successful streams over the wall time of that side's blocks (a block drains at the end, which lowers it a little). ` +
      `CPU per request is utime + stime of the server process (all its threads), and of the PostgreSQL backends serving its database ` +
      `(n/a with PGlite, which runs inside the server), during the app blocks, divided by their requests. ` +
      `Cores used, over the whole level: the server, its PostgreSQL backends, this bench process (the load generator), the fake provider, and every other process on the machine ` +
      `(well above 0 means other work disturbed the figures). The run took ${result.durationSeconds} s.`,
  ];
}

function routesTable({ concurrency, routes, direct }) {
  return [
    `Routes at ${concurrency} concurrent streams (direct TTFT p50 / p95: ${pair(direct, 'ttftMs')} ms):`,
    '',
    row(['route', 'requests', 'errors', 'TTFT p50 / p95', 'added p50', 'added p95']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...routes.map(({ name, summary, added }) =>
      row([name, summary.requests, summary.errors, pair(summary, 'ttftMs'), ms(added.p50), ms(added.p95)]),
    ),
  ];
}

export function markdownReport(result) {
  const { pace, levels, targets, memory } = result;
  const lines = [
    `# Hearth TTFT benchmark, ${result.startedAt}`,
    '',
    `Loopback OpenAI-compatible provider in its own process: ${pace.tokens} word tokens, ${pace.firstTokenDelayMs} ms to the first, ` +
      `then ${pace.chunkDelayMs} ms apart, usage reported. TTFT in ms. Targets met: ${targets.filter((t) => t.met).length} of ${targets.length}.`,
    '',
    ...ttftTable(levels, targets),
    '',
    ...loadTable(levels, targets),
    '',
    ...routesTable(result.routes),
    '',
    row(['server', 'RSS idle after start', 'RSS peak under load', 'RSS 10 s after the load', 'CPU in those 10 s']),
    row(['---', '---:', '---:', '---:', '---:']),
    row([
      `pid ${memory.pid} (${memory.processName})`,
      mb(memory.idleAfterStart),
      mb(Math.max(...levels.map((l) => l.serverRssPeak))),
      mb(memory.tenSecondsAfterLoad),
      `${memory.serverCoresAfterLoad.toFixed(2)} cores`,
    ]),
    '',
    ...explanations(result),
  ];
  if (result.notes.length > 0) lines.push('', 'Notes:', ...result.notes.map((note) => `- ${note}`));
  return lines.join('\n') + '\n';
}
