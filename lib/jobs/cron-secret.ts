/**
 * The secret Vercel Cron sends as `Authorization: Bearer <CRON_SECRET>`; unset, the cron route is
 * off. The one place the job runner reads it (the config module will take it over).
 */
export function cronSecret(env: Record<string, string | undefined> = process.env): string | null {
  return env.CRON_SECRET?.trim() || null;
}
