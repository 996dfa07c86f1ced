// Turning the suite's measurements into percentiles, target checks and one markdown report.
import { percentile } from './stats.ts';

export const PERCENTILES = [50, 95, 99];
/** The app's routes, which have targets; the floor (bench/floor.mjs) is shown beside them. */
export const ROUTES = ['web', 'api'];
const SHOWN_ROUTES = [...ROUTES, 'floor'];

export const round = (value) => (value === null ? null : Math.round(value * 10) / 10);

/** Percentiles of TTFT, time to headers and total time over the successful requests of a run. */
export function summarize(results) {
  const ok = results.filter((r) => r.ok);
  const of = (key) =>
    Object.fromEntries(
      PERCENTILES.map((p) => [
        `p${p}`,
        round(
          percentile(
            ok.map((r) => r[key]).filter((value) => typeof value === 'number'),
            p,
          ),
        ),
      ]),
    );
  return {
    requests: results.length,
    errors: results.length - ok.length,
    ttftMs: of('ttftMs'),
    headersMs: of('headersMs'),
    totalMs: of('totalMs'),
    // The route's own Server-Timing: the session and the quota (auth, and within it the cookie's
    // session and the quota's round trip), then the turn's reads, prompt and writes.
    authMs: of('authMs'),
    sessionMs: of('sessionMs'),
    quotaMs: of('quotaMs'),
    readMs: of('readMs'),
    promptMs: of('promptMs'),
    writeMs: of('writeMs'),
  };
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

const mb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const ms = (value) => (value === null || value === undefined ? 'n/a' : value.toFixed(1));
const trio = (figures) => PERCENTILES.map((p) => ms(figures[`p${p}`])).join(' / ');
const pair = (figures) => `${ms(figures.p50)} / ${ms(figures.p95)}`;
const row = (cells) => `| ${cells.join(' | ')} |`;
const ROUTE_NAMES = { web: 'web chat', api: 'REST API SSE', floor: 'floor: bare streamText route' };

function targetsTable(targets) {
  return [
    row(['part', 'figure', 'route', 'measured', 'target', 'met']),
    row(['---', '---', '---', '---:', '---:', '---']),
    ...targets.map((t) =>
      row([
        t.part,
        t.figure,
        t.route ? ROUTE_NAMES[t.route] : '',
        t.measured === null ? 'n/a' : `${t.measured}${t.unit && ` ${t.unit}`}`,
        t.bound === null ? 'n/a' : `${t.atLeast ? '≥' : '≤'} ${t.bound}${t.unit && ` ${t.unit}`}`,
        t.met ? 'met' : '**missed**',
      ]),
    ),
  ];
}

function ttftTable(levels) {
  const lines = [
    row([
      'streams',
      'route',
      'TTFT p50 / p95 / p99',
      'direct TTFT p50 / p95 / p99',
      'added p50 / p95 / p99',
      'headers p50 / p95',
      'total p50 / p95',
      'server p50: auth (session, quota) / read / prompt / write',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const l of levels) {
    for (const name of SHOWN_ROUTES) {
      const r = l.routes[name];
      if (!r) continue;
      lines.push(
        row([
          l.concurrency,
          ROUTE_NAMES[name],
          trio(r.summary.ttftMs),
          trio(l.direct.summary.ttftMs),
          trio(r.added),
          pair(r.summary.headersMs),
          pair(r.summary.totalMs),
          r.summary.authMs?.p50 == null
            ? 'n/a'
            : `${r.summary.authMs.p50} (${r.summary.sessionMs?.p50 ?? '?'}, ${r.summary.quotaMs?.p50 ?? '?'}) / ` +
              [r.summary.readMs, r.summary.promptMs, r.summary.writeMs].map((t) => t.p50).join(' / '),
        ]),
      );
    }
  }
  return lines;
}

function loadTable(levels) {
  const lines = [
    row([
      'streams',
      'route',
      'requests',
      'errors',
      'streams/s (direct)',
      'CPU per request: server / PostgreSQL',
      'server RSS peak',
      'cores over the level: server / PostgreSQL / bench / provider / other',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const l of levels) {
    const { server, database, bench, provider, others } = l.cpuCores;
    for (const name of SHOWN_ROUTES) {
      const r = l.routes[name];
      if (!r) continue;
      const postgres = r.databaseCpuMsPerRequest === null ? null : database;
      lines.push(
        row([
          l.concurrency,
          ROUTE_NAMES[name],
          r.summary.requests,
          r.summary.errors,
          `${r.streamsPerSecond.toFixed(1)} (${l.direct.streamsPerSecond.toFixed(1)})`,
          `${ms(r.serverCpuMsPerRequest)} / ${ms(r.databaseCpuMsPerRequest)} ms`,
          mb(l.serverRssPeak),
          [server, postgres, bench, provider, others]
            .map((cores) => (cores === null ? 'n/a' : cores.toFixed(2)))
            .join(' / '),
        ]),
      );
    }
  }
  return lines;
}

function capacityTable(capacity) {
  const { pace } = capacity;
  return [
    `Capacity: web chat streams of ${pace.tokens} tokens at ${1000 / pace.chunkDelayMs} tokens/s (${(pace.tokens * pace.chunkDelayMs) / 1000} s each), ` +
      `started evenly at up to ${capacity.startRatePerSecond} a second but all within ${capacity.maxRampMs / 1000} s; steps until errors or the ceiling. Most held with zero errors: ` +
      `**${capacity.mostHeld}**${capacity.reachedCeiling ? ' (the ceiling of this run, not a limit found)' : ''}.`,
    '',
    row([
      'streams',
      'started over',
      'errors',
      'TTFT p50 / p95 / p99',
      'tokens per stream',
      'relay tokens/s',
      'server cores while all open',
      'server CPU per stream',
      'server RSS all open / peak',
      'step wall time',
    ]),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...capacity.steps.map((s) =>
      row([
        s.streams,
        `${(s.rampMs / 1000).toFixed(0)} s`,
        s.errors,
        trio(s.summary.ttftMs),
        s.tokensPerStream,
        s.relayTokensPerSecond,
        s.serverCoresAtPlateau === null ? 'n/a' : `${s.serverCoresAtPlateau.toFixed(2)} (${s.plateauSeconds} s)`,
        `${ms(s.serverCpuMsPerStream)} ms`,
        `${mb(s.serverRssAtPlateau)} / ${mb(s.serverRssPeak)}`,
        `${(s.wallMs / 1000).toFixed(1)} s`,
      ]),
    ),
  ];
}

function memoryTable(memory) {
  const gc = (figures) => (figures ? `${mb(figures.rss)} / ${mb(figures.heapUsed)}` : 'n/a');
  return [
    row([
      'server',
      'RSS idle after start',
      'RSS peak under load',
      'RSS right after the load',
      'RSS one minute after',
      'CPU in that minute',
      'after a forced GC, idle: RSS / heap used',
      'after a forced GC, after the warm-up: RSS / heap used',
      'after a forced GC, a minute after: RSS / heap used',
      'then after malloc_trim: RSS',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    row([
      `pid ${memory.pid} (${memory.processName})`,
      mb(memory.idleAfterStart),
      mb(memory.peak),
      mb(memory.rightAfterLoad),
      mb(memory.minuteAfterLoad),
      `${memory.serverCoresAfterLoad.toFixed(2)} cores`,
      gc(memory.idleAfterGc),
      gc(memory.warmAfterGc),
      gc(memory.minuteAfterGc),
      memory.mallocTrim ? mb(memory.mallocTrim.after) : 'n/a',
    ]),
  ];
}

const READS = ['conversationsFirstPage', 'conversationsDeepPage', 'messagesFirstPage', 'messagesDeepPage'];

function databaseTable(database) {
  if (database.error) return [`Database: ${database.error}`];
  const engines = Object.keys(database).filter((key) => key !== 'seconds');
  const f = (t) => `${t.p50.toFixed(2)} / ${t.p95.toFixed(2)} / ${t.max.toFixed(1)}`;
  return [
    `Database reads through the app's queries in the user's RLS scope (p50 / p95 / max ms; ${database.seconds} s with generating the data):`,
    '',
    row(['read', ...engines]),
    row(['---', ...engines.map(() => '---:')]),
    ...READS.map((key) =>
      row([key.replace(/([A-Z])/g, ' $1').toLowerCase(), ...engines.map((e) => f(database[e][key]))]),
    ),
    row(['messages in the database', ...engines.map((e) => database[e].messages.toLocaleString('en-US'))]),
  ];
}

function webTable(web) {
  if (web.error) return [`Page weight and cold start: ${web.error}`];
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return [
    row(['page weight and cold start', 'result']),
    row(['---', '---:']),
    ...Object.entries(web.pages).map(([page, w]) =>
      row([
        `JavaScript for ${page}, gzip (raw), ${w.scripts} scripts`,
        `${w.gzipKb.toFixed(1)} KB (${w.rawKb.toFixed(1)} KB)`,
      ]),
    ),
    ...Object.entries(web.pages).map(([page, w]) =>
      row([
        `scripts of ${page}, gzip KB`,
        w.perScript
          .map(
            (s) =>
              `${s.source.split('/').at(-1)} ${s.gzipKb.toFixed(1)}${s.noModule ? ' (noModule, not counted)' : ''}`,
          )
          .join(', '),
      ]),
    ),
    row([
      `cold start to the first 200, empty data directory (migrate, seed), median of ${web.coldStartMs.emptyDataDir.length}`,
      `${median(web.coldStartMs.emptyDataDir).toFixed(0)} ms`,
    ]),
    row([
      `cold start to the first 200, existing data directory, median of ${web.coldStartMs.existingDataDir.length}`,
      `${median(web.coldStartMs.existingDataDir).toFixed(0)} ms`,
    ]),
  ];
}

function explanations(result) {
  const { machine, settings, sharing } = result;
  const lines = [
    `Machine: Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${mb(machine.totalMemory)} RAM, ${machine.os}; Next.js ${machine.next}. ` +
      `Shared: over the whole run the machine's busy CPU averaged ${sharing.machineCoresBusy} of ${machine.cpus} cores, this bench process (the load generator) ` +
      `${sharing.benchCores}; load average ${sharing.loadAverageBefore.toFixed(2)} before, ${sharing.loadAverageAfter.toFixed(2)} after. The server, the provider ` +
      `and the load generator are separate processes but share the same cores, so every figure includes contention between them (and with anyone else's work: ` +
      `see "other" per level).`,
  ];
  if (settings) {
    const levels = settings.levels
      .map(
        (l) =>
          `${l.concurrency}: ${l.blocks} × ${l.requestsPerBlock} per route and direct over ${l.conversations} conversations`,
      )
      .join('; ');
    lines.push(
      `Database of the server: ${settings.database}. Settings: ${settings.warmup.requests} web chat requests at ${settings.warmup.concurrency} streams and ` +
        `${settings.warmup.directRequests} direct ones to warm up (discarded); levels (streams: requests): ${levels}. At each level blocks of web chat, ` +
        `REST API and direct requests rotate which goes first, so drifts in the machine's load reach all three. HTTP client: ${settings.httpClient}; ` +
        `companion "${settings.companion}", model ${settings.model}.`,
      `TTFT runs from just before sending the request to the first network chunk holding text (a text-delta part; a content_block_delta event on the REST ` +
        `API); direct TTFT from just before sending the app's own provider request (captured after the warm-up, ${settings.directBodyBytes} bytes) to the ` +
        `provider. "Added" is route minus direct at the same percentile. "Headers" is the time to the response headers. An error is a failed request, a ` +
        `status other than 200, an error event, no text, or no proper end of stream. Streams/s: successful streams over the wall time of that route's ` +
        `blocks. CPU per request is utime + stime of the server process (all threads), and of the PostgreSQL backends serving its database (n/a with ` +
        `PGlite, which runs inside the server), during that route's blocks, divided by their requests.`,
    );
  }
  lines.push(`The run took ${result.durationSeconds} s.`);
  return lines;
}

export function markdownReport(result) {
  const { pace, targets } = result;
  const lines = [
    `# Hearth benchmarks, ${result.startedAt} (parts: ${result.parts.join(', ')})`,
    '',
    `Loopback OpenAI-compatible provider in its own process: ${pace.tokens} word tokens, ${pace.firstTokenDelayMs} ms to the first, ` +
      `then ${pace.chunkDelayMs} ms apart, usage reported. Targets met: ${targets.filter((t) => t.met).length} of ${targets.length}.`,
    '',
    ...targetsTable(targets),
  ];
  if (result.levels?.length)
    lines.push('', 'TTFT in ms:', '', ...ttftTable(result.levels), '', ...loadTable(result.levels));
  if (result.capacity) {
    const held = result.capacity.atMostHeld;
    lines.push('', ...capacityTable(result.capacity));
    if (held)
      lines.push(
        '',
        `Relay throughput at ${held.streams} streams: ${held.relayTokensPerSecond} tokens/s over the step (ramp and drain included).`,
      );
  }
  const fast = result.levels?.find((l) => l.concurrency === 100);
  if (fast) {
    lines.push(
      `Relay throughput at 100 fast streams: ${ROUTES.map((name) => `${ROUTE_NAMES[name]} ${Math.round(fast.routes[name].streamsPerSecond * pace.tokens)} tokens/s`).join(', ')} ` +
        `(streams/s × ${pace.tokens} tokens).`,
    );
  }
  if (result.memory) lines.push('', ...memoryTable(result.memory));
  if (result.database) lines.push('', ...databaseTable(result.database));
  if (result.web) lines.push('', ...webTable(result.web));
  lines.push('', ...explanations(result));
  if (result.notes.length > 0) lines.push('', 'Notes:', ...result.notes.map((note) => `- ${note}`));
  return lines.join('\n') + '\n';
}
