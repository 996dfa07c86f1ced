// The slow-stream capacity run: how many concurrent chat streams one server process holds with no
// errors when each streams at a realistic model speed (20 tokens a second for 30 seconds). Steps
// of rising concurrency, each started over a short ramp, until a step has errors or the ceiling.
import { setTimeout as sleep } from 'node:timers/promises';
import { summarize } from './report.mjs';
import { cpuMs, rssBytes, sampleRssPeak } from './server.mjs';

export const SLOW_PACE = { tokens: 600, firstTokenDelayMs: 50, chunkDelayMs: 50 };
export const CAPACITY_STEPS = [250, 500, 1000, 1500, 2000];
// Streams start evenly, as arriving people would, not in one instant: at most this many a second
// (a turn's setup costs far more than holding it open), yet all within this long, so that every
// stream of a step is open at once for the last third of the first one's 30 seconds.
const START_RATE_PER_SECOND = 50;
const MAX_RAMP_MS = 20_000;
const rampMs = (streams) => Math.min((streams / START_RATE_PER_SECOND) * 1000, MAX_RAMP_MS);
const SETUP_CONCURRENCY = 16;
const SETTLE_MS = 5_000;

/**
 * Runs the steps with the provider at SLOW_PACE (put back to `fastPace` after). Each stream has a
 * conversation of its own. Returns the steps' figures and the highest step with zero errors.
 */
export async function capacityRun({ session, provider, serverPid, fastPace, log, notes }) {
  await provider.setPace(SLOW_PACE);
  const conversations = [];
  const steps = [];
  try {
    for (const streams of CAPACITY_STEPS) {
      if (conversations.length < streams) {
        conversations.push(...(await session.prepareConversations(streams - conversations.length, SETUP_CONCURRENCY)));
      }
      log(
        `capacity: ${streams} streams at ${1000 / SLOW_PACE.chunkDelayMs} tokens/s for ${(SLOW_PACE.tokens * SLOW_PACE.chunkDelayMs) / 1000} s, started over ${rampMs(streams) / 1000} s`,
      );
      const step = await runStep({ streams, conversations, session, serverPid });
      steps.push(step);
      if (step.errors > 0) {
        notes.push(`capacity at ${streams} streams: ${step.errors} errors, first: ${step.firstError}`);
        break;
      }
      await sleep(SETTLE_MS);
    }
  } finally {
    await provider.setPace(fastPace);
  }
  const clean = steps.filter((step) => step.errors === 0);
  const held = clean.at(-1) ?? null;
  return {
    pace: SLOW_PACE,
    startRatePerSecond: START_RATE_PER_SECOND,
    maxRampMs: MAX_RAMP_MS,
    steps,
    mostHeld: held?.streams ?? 0,
    reachedCeiling: held?.streams === CAPACITY_STEPS.at(-1),
    atMostHeld: held,
  };
}

async function runStep({ streams, conversations, session, serverPid }) {
  const stopRss = sampleRssPeak(serverPid, 250);
  const started = performance.now();
  const cpuAtStart = cpuMs(serverPid);
  let plateau = null; // server CPU and wall time while every stream is open
  let allStarted = false;
  const markPlateauStart = () => {
    plateau = { cpu: cpuMs(serverPid), wall: performance.now(), rss: rssBytes(serverPid) };
  };
  const markPlateauEnd = () => {
    if (plateau && plateau.endCpu === undefined) {
      plateau.endCpu = cpuMs(serverPid);
      plateau.endWall = performance.now();
      plateau.endRss = rssBytes(serverPid);
    }
  };
  const results = await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      await sleep((i * rampMs(streams)) / streams);
      if (i === streams - 1) {
        allStarted = true;
        markPlateauStart();
      }
      const result = await session.hold(conversations[i]);
      if (allStarted) markPlateauEnd();
      return result;
    }),
  );
  const wallMs = performance.now() - started;
  const serverCpuMs = cpuMs(serverPid) - cpuAtStart;
  const rssPeak = stopRss();
  const ok = results.filter((r) => r.ok);
  const tokens = ok.reduce((sum, r) => sum + r.tokens, 0);
  const plateauWallMs = plateau?.endWall ? plateau.endWall - plateau.wall : null;
  return {
    streams,
    rampMs: rampMs(streams),
    errors: results.length - ok.length,
    firstError: results.find((r) => !r.ok)?.error ?? null,
    summary: summarize(results),
    tokensPerStream: ok.length ? Math.round(tokens / ok.length) : 0,
    // Relayed tokens over the step's whole wall time (ramp and drain included).
    relayTokensPerSecond: Math.round(tokens / (wallMs / 1000)),
    wallMs: Math.round(wallMs),
    serverCpuMsPerStream: Math.round((serverCpuMs / streams) * 10) / 10,
    serverCoresAtPlateau: plateauWallMs
      ? Math.round(((plateau.endCpu - plateau.cpu) / plateauWallMs) * 100) / 100
      : null,
    plateauSeconds: plateauWallMs ? Math.round(plateauWallMs / 100) / 10 : null,
    serverRssAtPlateau: plateau?.rss ?? null,
    serverRssPeak: rssPeak,
  };
}
