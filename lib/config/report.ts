import type { Problem } from './problem.ts';
import { currentProblems } from './index.ts';

/** The text printed at start: the refusals as a list under one heading, each warning on its own line. */
export function formatProblems(problems: Problem[]): { refusals: string | null; warnings: string[] } {
  const refusals = problems.filter((problem) => problem.level === 'refusal');
  return {
    refusals: refusals.length
      ? `[hearth] Hearth cannot start until this is fixed:\n${refusals.map((problem) => `  - ${problem.message}`).join('\n')}`
      : null,
    warnings: problems
      .filter((problem) => problem.level === 'warning')
      .map((problem) => `[hearth] warning: ${problem.message}`),
  };
}

const state = globalThis as typeof globalThis & { __hearthConfigReported?: boolean };

/**
 * Prints the configuration's problems, once per process however often Next.js loads this module.
 * Returns false when the start must stop.
 */
export function reportConfiguration(problems: Problem[] = currentProblems()): boolean {
  const { refusals, warnings } = formatProblems(problems);
  if (!state.__hearthConfigReported) {
    state.__hearthConfigReported = true;
    if (refusals) console.error(`\n${refusals}\n`);
    for (const warning of warnings) console.warn(warning);
  }
  return refusals === null;
}
