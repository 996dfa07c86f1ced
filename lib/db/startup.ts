import { getConfig } from '../config/index.ts';
import { reportConfiguration } from '../config/report.ts';
import { getDb } from './index.ts';
import { describeOpenError } from './open-errors.ts';

/**
 * Runs once when the server starts (instrumentation.ts): checks the configuration, printing its
 * warnings and stopping on a refusal, then opens (and migrates) the database before the first
 * request, so a mistake stops the start with a sentence instead of failing every request.
 * Imports carry their extensions: `node lib/db/startup.ts` runs it as is (lib/config's test does).
 */
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  if (!reportConfiguration()) process.exit(1);
  try {
    await getDb();
  } catch (error) {
    console.error(`\n[hearth] ${describeOpenError(error, getConfig().database)}\n`);
    process.exit(1);
  }
}
