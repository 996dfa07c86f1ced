/** Runs once when the server starts; the database part only in the Node.js runtime. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/db/startup');
  // Self-hosted, the scheduled jobs run on a timer (the first run a minute after start, so the
  // start itself does no more work); on Vercel, Vercel Cron calls /api/cron.
  const { startJobTimer } = await import('./lib/jobs/timer');
  startJobTimer();
  // Memory a burst of load left behind goes back once the server is quiet (no reply being written).
  const { startIdleCollection } = await import('./lib/runtime/idle-collection');
  const { activeGenerationCount } = await import('./lib/chat/active');
  startIdleCollection({ busy: () => activeGenerationCount() > 0 });
}
