/** Runs once when the server starts; the database part only in the Node.js runtime. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/db/startup');
}
