import { getDb } from './index';

/**
 * Open (and migrate) the database before the first request, so a second server pointed at the
 * same embedded database stops at once with a clear message instead of failing every request.
 */
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  try {
    await getDb();
  } catch (error) {
    console.error(`\n[hearth] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
