// Turning timed requests into percentiles and a markdown report.

export const PERCENTILES = [50, 95, 99];

/** Nearest-rank percentile of an unsorted list; null for an empty one. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (ms) => (ms === null ? null : Math.round(ms * 10) / 10);

/** Percentiles of TTFT and total time over the successful requests of a phase. */
export function summarize(results) {
  const ok = results.filter((r) => r.ok);
  const of = (key) => Object.fromEntries(PERCENTILES.map((p) => [`p${p}`, round(percentile(ok.map((r) => r[key]), p))]));
  const summary = { requests: results.length, errors: results.length - ok.length, ttftMs: of('ttftMs'), totalMs: of('totalMs') };
  return ok.some((r) => r.headersMs !== undefined) ? { ...summary, headersMs: of('headersMs') } : summary;
}

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
const row = (cells) => `| ${cells.join(' | ')} |`;

export function markdownReport(result) {
  const { machine, settings, phases, memory } = result;
  const lines = [
    `# Hearth TTFT benchmark, ${result.startedAt}`,
    '',
    `Offline model pace: ${settings.firstTokenDelayMs} ms to the first word, then ${settings.wordDelayMs} ms per word. ` +
      `TTFT in ms; "added" = app minus direct at the same percentile.`,
    '',
    row(['concurrency', 'percentile', 'app TTFT', 'direct TTFT', 'added']),
    row(['---:', '---', '---:', '---:', '---:']),
  ];
  for (const phase of phases) {
    for (const p of PERCENTILES) {
      const key = `p${p}`;
      lines.push(row([phase.concurrency, key, ms(phase.app.ttftMs[key]), ms(phase.direct.ttftMs[key]), ms(phase.added[key])]));
    }
  }
  lines.push(
    '',
    row(['concurrency', 'app requests', 'app errors', 'direct errors', 'app headers p50 / p95', 'app total p50 / p95', 'direct total p50 / p95', 'server CPU per request', "other processes' CPU"]),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  );
  for (const phase of phases) {
    lines.push(
      row([
        phase.concurrency,
        phase.app.requests,
        phase.app.errors,
        phase.direct.errors,
        `${ms(phase.app.headersMs.p50)} / ${ms(phase.app.headersMs.p95)} ms`,
        `${ms(phase.app.totalMs.p50)} / ${ms(phase.app.totalMs.p95)} ms`,
        `${ms(phase.direct.totalMs.p50)} / ${ms(phase.direct.totalMs.p95)} ms`,
        `${ms(phase.serverCpuMsPerRequest)} ms`,
        `${phase.otherProcessesCores.toFixed(2)} cores`,
      ]),
    );
  }
  lines.push(
    '',
    row(['server RSS', 'idle after start', 'peak during concurrency 20', '10 s after the load']),
    row(['---', '---:', '---:', '---:']),
    row([`pid ${memory.pid} (${memory.processName})`, mb(memory.idleAfterStart), mb(memory.peakAtConcurrency20), mb(memory.tenSecondsAfterLoad)]),
    '',
    `Machine: Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${mb(machine.totalMemory)} RAM, ${machine.os}; Next.js ${machine.next}.`,
    `Settings: ${settings.warmupRequests} warm-up requests (discarded); concurrency 1: ${settings.sequentialRequests} sequential requests ` +
      `over ${settings.sequentialConversations} conversations; concurrency 20: ${settings.rounds} rounds of 20 over 20 conversations; ` +
      `HTTP client: ${settings.httpClient}; companion "${settings.companion}".`,
    `TTFT is measured from just before sending to the first network chunk holding a text-delta (app), or to the first ` +
      `text-delta part of doStream (direct, in the bench process). "App headers" is the time to the response headers, which ` +
      `the chat route sends once the turn is authorized and saved, just before the model starts. Server CPU is utime + stime of the server process ` +
      `(all its threads, so V8's GC and compiler threads too) over a phase, divided by its requests; "other processes' CPU" is what the rest of the machine used meanwhile, in cores ` +
      `(well above 0 means other work disturbed the figures). The run took ${result.durationSeconds} s.`,
  );
  if (result.notes.length > 0) lines.push('', 'Notes:', ...result.notes.map((note) => `- ${note}`));
  return lines.join('\n') + '\n';
}
