import { megabytes } from '@/lib/format';
import type { StorageUsage } from '@/lib/uploads/storage-usage';

/**
 * How much of their storage the person uses: a meter "X MB of Y MB" (or what is used, when there
 * is no limit), warmer as it fills, with what counts and how to make room.
 */
export function StorageUsageBar({ usage }: { usage: StorageUsage }) {
  const { usedBytes, quotaBytes } = usage;
  const label =
    quotaBytes === null ? `${megabytes(usedBytes)} used` : `${megabytes(usedBytes)} of ${megabytes(quotaBytes)}`;
  const share = quotaBytes ? Math.min(1, usedBytes / quotaBytes) : 0;
  const full = share >= 0.9;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-4">
        <p id="storage-used" className="text-2xl font-semibold tabular-nums">
          {label}
        </p>
        {quotaBytes !== null && <p className="text-sm text-ink-soft tabular-nums">{Math.round(share * 100)}% used</p>}
      </div>
      {quotaBytes === null ? (
        <p className="mt-2 text-sm text-ink-soft">Your account has no storage limit.</p>
      ) : (
        <div
          role="meter"
          aria-labelledby="storage-heading"
          aria-valuemin={0}
          aria-valuemax={quotaBytes}
          aria-valuenow={Math.min(usedBytes, quotaBytes)}
          aria-valuetext={label}
          className="mt-3 h-3 w-full overflow-hidden rounded-full bg-sunken"
        >
          <div
            className={`h-full rounded-full transition-[width] motion-reduce:transition-none ${full ? 'bg-red-500 dark:bg-red-400' : 'bg-ember-500 dark:bg-ember-400'}`}
            style={{ width: `${Math.max(share * 100, usedBytes > 0 ? 1 : 0)}%` }}
          />
        </div>
      )}
      {full && (
        <p className="mt-3 text-sm text-red-700 dark:text-red-300">
          {share >= 1 ? 'Your storage is full: new files will be refused.' : 'Your storage is nearly full.'} Delete
          conversations you no longer need to make room.
        </p>
      )}
    </div>
  );
}
