// One concurrency level's figures, from the raw results of its web chat, REST API, floor and direct blocks.
import { added, summarize } from './report.mjs';

// Other processes using this much of the machine during a level make its figures suspect.
const DISTURBED_CORES = 0.25;

const SIDES = {
  web: 'web chat (POST /api/chat)',
  api: 'REST API SSE (POST /api/v1/conversations/{id}/messages)',
  floor: 'floor (POST /api/bench/floor: streamText, nothing else)',
  direct: 'direct to the provider',
};

/** A level's figures per route, and notes on what went wrong in it. */
export function levelFigures(level, run, { database, notes }) {
  const { concurrency } = level;
  const { sides } = run;
  const direct = summarize(sides.direct.results);
  const perRequest = (ms, side) => Math.round((ms / side.results.length) * 10) / 10;
  const streamsPerSecond = (side) =>
    Math.round((side.results.filter((r) => r.ok).length / (side.wallMs / 1000)) * 10) / 10;
  for (const [name, side] of Object.entries(sides)) {
    const firstError = side.results.find((r) => !r.ok);
    if (firstError) notes.push(`${concurrency} stream(s): first ${SIDES[name]} error: ${firstError.error}`);
  }
  const sent = Object.values(sides).reduce((sum, side) => sum + side.results.length, 0);
  if (run.providerRequests !== sent) {
    notes.push(
      `${concurrency} stream(s): the provider received ${run.providerRequests} chat requests for ${sent} app and direct requests.`,
    );
  }
  if (run.cpuCores.others >= DISTURBED_CORES) {
    notes.push(
      `${concurrency} stream(s): other processes used ${run.cpuCores.others} cores meanwhile: these figures are disturbed.`,
    );
  }
  const route = (name) => {
    const side = sides[name];
    const summary = summarize(side.results);
    return {
      name: SIDES[name],
      summary,
      added: added(summary, direct),
      streamsPerSecond: streamsPerSecond(side),
      serverCpuMsPerRequest: perRequest(side.serverCpuMs, side),
      // PGlite runs inside the server, so its work is in the server's figure.
      databaseCpuMsPerRequest: database.external ? perRequest(side.databaseCpuMs, side) : null,
    };
  };
  return {
    concurrency,
    routes: { web: route('web'), api: route('api'), floor: route('floor') },
    direct: { summary: direct, streamsPerSecond: streamsPerSecond(sides.direct) },
    serverRssPeak: run.serverRssPeak,
    cpuCores: run.cpuCores,
  };
}
