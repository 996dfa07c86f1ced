import { closeStuckReplies } from './close-stuck-replies';
import { deleteLapsedGuests } from './delete-lapsed-guests';
import { deleteStaleUploads } from './delete-stale-uploads';
import { expireCalls } from './expire-calls';
import type { Job } from './job';
import { pruneJobRuns } from './prune-job-runs';
import { pruneRateLimits } from './prune-rate-limits';
import { refreshUsageRollups } from './refresh-usage-rollups';

/** Every scheduled job, in the order a trigger runs them. A feature adds its job here. */
export const JOBS: readonly Job[] = [
  closeStuckReplies,
  expireCalls,
  pruneRateLimits,
  deleteStaleUploads,
  deleteLapsedGuests,
  refreshUsageRollups,
  pruneJobRuns,
];
