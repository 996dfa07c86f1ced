// Where the benchmark's CPU goes: the server's, its PostgreSQL backends', the fake provider's,
// the load generator's own and the rest of the machine's, read before and after each level.
import { cpuMs, cpuMsByPid, machineBusyMs } from './server.mjs';

export const benchCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * CPU time so far, in ms: the server's, its PostgreSQL backends' (by pid), the fake provider's,
 * this process's and the whole machine's, with the wall clock.
 */
export function readCpu({ serverPid, providerPid, database }) {
  return {
    server: cpuMs(serverPid),
    database: cpuMsByPid(database.backends()),
    provider: cpuMs(providerPid),
    bench: benchCpuMs(),
    machine: machineBusyMs(),
    wall: performance.now(),
  };
}

/** What each spent between two readings, in ms. A backend that appeared meanwhile counts in full. */
export function cpuSpent(start, end) {
  let database = 0;
  for (const [pid, ms] of end.database) database += ms - (start.database.get(pid) ?? 0);
  const spent = (key) => end[key] - start[key];
  return {
    server: spent('server'),
    database,
    provider: spent('provider'),
    bench: spent('bench'),
    machine: spent('machine'),
    wall: spent('wall'),
  };
}

/** Spent CPU as cores over the wall time, "others" being every process not named. */
export function inCores(spent) {
  const cores = (ms) => Math.round((Math.max(0, ms) / spent.wall) * 100) / 100;
  const others = spent.machine - spent.server - spent.database - spent.provider - spent.bench;
  return {
    server: cores(spent.server),
    database: cores(spent.database),
    bench: cores(spent.bench),
    provider: cores(spent.provider),
    others: cores(others),
  };
}
