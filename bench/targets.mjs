// The targets for the suite's figures, and whether a run meets them.
import { ROUTES, round } from './report.mjs';

// "RSS back near its idle figure a minute after load": near read as at most this many times idle.
const NEAR_IDLE = 1.5;
// The reading after an explicit collection: at most idle + 50 MiB a minute after the load.
const AFTER_GC_ALLOWANCE_MIB = 50;

const level = (result, concurrency) => result.levels?.find((l) => l.concurrency === concurrency);
const fromRoute = (concurrency, route, read) => (result) => {
  const found = level(result, concurrency)?.routes[route];
  return found ? read(found) : null;
};
/** How much more a route adds than the floor route (bench/floor.mjs) at p50: the fallback target. */
const aboveFloor = (concurrency, route) => (result) => {
  const found = level(result, concurrency)?.routes;
  return found?.[route] && found.floor ? found[route].added.p50 - found.floor.added.p50 : null;
};
const cpuPerStream = (route) => route.serverCpuMsPerRequest + (route.databaseCpuMsPerRequest ?? 0);

/** The targets: `value(result)` reads the figure, null when that part did not run. */
const TARGETS = [
  ...ROUTES.flatMap((route) => [
    {
      part: 'ttft',
      route,
      figure: 'TTFT added p50 at 1 stream',
      max: 8,
      unit: 'ms',
      value: fromRoute(1, route, (r) => r.added.p50),
    },
    {
      part: 'ttft',
      route,
      figure: 'TTFT added p50 at 1 stream, over the bare streamText route',
      max: 1,
      unit: 'ms',
      value: aboveFloor(1, route),
    },
    {
      part: 'ttft',
      route,
      figure: 'TTFT added p50 at 10 streams',
      max: 15,
      unit: 'ms',
      value: fromRoute(10, route, (r) => r.added.p50),
    },
    {
      part: 'ttft',
      route,
      figure: 'TTFT added p50 at 10 streams, over the bare streamText route',
      max: 1,
      unit: 'ms',
      value: aboveFloor(10, route),
    },
    {
      part: 'ttft',
      route,
      figure: 'TTFT added p95 at 10 streams',
      max: 40,
      unit: 'ms',
      value: fromRoute(10, route, (r) => r.added.p95),
    },
    {
      part: 'ttft',
      route,
      figure: 'CPU per 64-token stream at 10 (server + PostgreSQL)',
      max: 35,
      unit: 'ms',
      value: fromRoute(10, route, cpuPerStream),
    },
    {
      part: 'ttft',
      route,
      figure: 'streams per second at 100 concurrent',
      min: 80,
      unit: '/s',
      value: fromRoute(100, route, (r) => r.streamsPerSecond),
    },
    {
      part: 'ttft',
      route,
      figure: 'errors at 100 concurrent',
      max: 0,
      unit: '',
      value: fromRoute(100, route, (r) => r.summary.errors),
    },
  ]),
  {
    part: 'capacity',
    route: 'web',
    figure: 'slow streams (20 tok/s, 30 s) held at once, 0 errors',
    min: 1000,
    unit: '',
    value: (r) => r.capacity?.mostHeld ?? null,
  },
  {
    part: 'capacity',
    route: null,
    figure: `server RSS a minute after the load (target: ≤ ${NEAR_IDLE} × idle)`,
    max: null,
    unit: 'MiB',
    value: (r) => (r.memory ? r.memory.minuteAfterLoad / 2 ** 20 : null),
    limit: (r) => (r.memory ? (r.memory.idleAfterStart * NEAR_IDLE) / 2 ** 20 : null),
  },
  {
    part: 'capacity',
    route: null,
    figure: `server RSS a minute after the load, after a forced GC (target: ≤ idle + ${AFTER_GC_ALLOWANCE_MIB} MiB)`,
    max: null,
    unit: 'MiB',
    value: (r) => (r.memory?.minuteAfterGc ? r.memory.minuteAfterGc.rss / 2 ** 20 : null),
    limit: (r) => (r.memory ? r.memory.idleAfterStart / 2 ** 20 + AFTER_GC_ALLOWANCE_MIB : null),
  },
  {
    part: 'web',
    route: null,
    figure: 'JavaScript for /chat/[id], gzip',
    max: 200,
    unit: 'KB',
    value: (r) => r.web?.pages?.['/chat/[id]']?.gzipKb ?? null,
  },
];

/** Every target of the parts that ran, with the measured value and whether it is met. */
export function checkTargets(result) {
  return TARGETS.filter((t) => result.parts.includes(t.part)).map(
    ({ part, route, figure, min, unit, value, limit, max }) => {
      const measured = value(result);
      const bound = limit ? limit(result) : (max ?? min);
      const met = measured !== null && bound !== null && (min !== undefined ? measured >= min : measured <= bound);
      return {
        part,
        route,
        figure,
        measured: measured === null ? null : round(measured),
        bound: round(bound),
        atLeast: min !== undefined,
        unit,
        met,
      };
    },
  );
}
