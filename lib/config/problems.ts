import type { Config } from './env.ts';
import type { Problem } from './problem.ts';

/** What the checks need to know about the machine, gathered by filesystem.ts. */
export type FilesystemFacts = {
  /** The data directory (or the nearest folder above it that exists) accepts writes. */
  dataDirWritable: boolean;
};

const MIN_TOKEN_LENGTH = 16;

/**
 * Every problem with a configuration, refusals first. Pure: the same config and facts give the
 * same answer, so each rule is tested without touching the environment or the disk.
 */
export function configProblems(config: Config, facts: FilesystemFacts): Problem[] {
  const problems: Problem[] = [...config.invalid];
  const add = (level: Problem['level'], code: string, setting: string, message: string) =>
    problems.push({ level, code, setting, message });
  const { vercel } = config.platform;
  const readOnly = !facts.dataDirWritable;
  const database = config.database;

  if (!database.url && vercel) {
    add(
      'refusal',
      'database_missing',
      'DATABASE_URL',
      "Set DATABASE_URL (or POSTGRES_URL, which the Supabase integration sets) to your PostgreSQL connection string, on Supabase the transaction pooler's (port 6543): a Vercel function has no disk to keep the embedded database on.",
    );
  } else if (!database.url && readOnly) {
    add(
      'refusal',
      'database_missing',
      'DATABASE_URL',
      `Set DATABASE_URL to a PostgreSQL connection string, or HEARTH_DATA_DIR to a writable directory: the embedded database would be kept in ${config.dataDir}, which is on a read-only file system.`,
    );
  }

  if (config.storage.kind === 'local' && vercel) {
    add(
      'refusal',
      'storage_local',
      'SUPABASE_URL',
      'Set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY so that pictures and voice notes are kept in Supabase Storage: on Vercel the local disk is read-only and not shared between instances.',
    );
  } else if (config.storage.kind === 'local' && readOnly) {
    add(
      'refusal',
      'storage_local',
      'SUPABASE_URL',
      `Set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or HEARTH_DATA_DIR to a writable directory: uploads would be kept in ${config.storage.dir}, which is on a read-only file system.`,
    );
  } else if (config.storage.kind === 'local' && config.storage.halfSet) {
    const missing = config.storage.halfSet === 'SUPABASE_URL' ? 'SUPABASE_SERVICE_ROLE_KEY' : 'SUPABASE_URL';
    add(
      'warning',
      'storage_half_set',
      missing,
      `${config.storage.halfSet} is set without ${missing}: files are kept on local disk until both are set.`,
    );
  }

  if (!config.auth.secret && database.url) {
    add(
      'refusal',
      'auth_secret_missing',
      'NEXTAUTH_SECRET',
      'Set NEXTAUTH_SECRET (e.g. the output of `openssl rand -base64 32`, the same on every instance): with a shared database several servers may sign sessions, and each would otherwise make up a secret of its own.',
    );
  } else if (!config.auth.secret && vercel) {
    add(
      'refusal',
      'auth_secret_missing',
      'NEXTAUTH_SECRET',
      'Set NEXTAUTH_SECRET (e.g. the output of `openssl rand -base64 32`): on Vercel there is no disk to keep a generated one on, and every instance must sign sessions with the same one.',
    );
  } else if (!config.auth.secret && readOnly) {
    add(
      'refusal',
      'auth_secret_missing',
      'NEXTAUTH_SECRET',
      `Set NEXTAUTH_SECRET (e.g. the output of \`openssl rand -base64 32\`), or HEARTH_DATA_DIR to a writable directory: a generated secret would be kept in ${config.dataDir}, which is on a read-only file system.`,
    );
  }

  if (database.url && vercel && /@db\.[a-z0-9]+\.supabase\.co(:\d+)?\//i.test(database.url)) {
    add(
      'warning',
      'database_direct',
      database.from ?? 'DATABASE_URL',
      `${database.from} points at Supabase's direct connection (db.<project>.supabase.co): serverless instances use up its connections quickly. Use the transaction pooler's connection string (port 6543) from Connect in the Supabase dashboard.`,
    );
  }

  if (database.caCert && database.url) {
    const sslmode = sslModeOf(database.url);
    if (sslmode === 'disable' || sslmode === 'no-verify') {
      add(
        'warning',
        'ca_cert_unused',
        'DATABASE_CA_CERT',
        `DATABASE_CA_CERT is not used: ${database.from} says sslmode=${sslmode}. Use sslmode=verify-full (or leave sslmode out) to verify the server with it.`,
      );
    }
  }

  if (vercel && !config.redisUrl) {
    add(
      'warning',
      'redis_missing',
      'REDIS_URL',
      'REDIS_URL is not set: on Vercel several instances serve the app, so Stop and resuming a reply across instances go through the database, which is slower. Set REDIS_URL (e.g. an Upstash rediss:// URL).',
    );
  }

  if (vercel && !config.cronSecret) {
    add(
      'warning',
      'cron_secret_missing',
      'CRON_SECRET',
      "CRON_SECRET is not set: Vercel Cron authorizes Hearth's scheduled jobs with it, so they cannot run (stuck replies and expired calls are then closed only when read).",
    );
  }

  for (const [name, value] of [
    ['CRON_SECRET', config.cronSecret],
    ['HEALTH_TOKEN', config.healthToken],
  ] as const) {
    if (value !== undefined && value.length < MIN_TOKEN_LENGTH) {
      add(
        'warning',
        'token_short',
        name,
        `${name} is only ${value.length} characters long: use at least 32 random ones (e.g. \`openssl rand -hex 32\`).`,
      );
    }
  }

  if (config.humanCheckHalfSet) {
    const missing = config.humanCheckHalfSet === 'TURNSTILE_SITE_KEY' ? 'TURNSTILE_SECRET_KEY' : 'TURNSTILE_SITE_KEY';
    add(
      'warning',
      'turnstile_half_set',
      missing,
      `${config.humanCheckHalfSet} is set without ${missing}: sign-ups have no human check until both are set.`,
    );
  }

  if (config.ice.turnHalfSet) {
    const missing = config.ice.turnHalfSet === 'TURN_URLS' ? 'TURN_SECRET' : 'TURN_URLS';
    add(
      'warning',
      'turn_half_set',
      missing,
      `${config.ice.turnHalfSet} is set without ${missing}: calls offer no TURN server until both are set, so people behind strict firewalls cannot connect.`,
    );
  }

  const authHost = config.auth.url ? new URL(config.auth.url).host : undefined;
  const ownHosts = [config.platform.vercelUrl, config.platform.vercelBranchUrl].filter(Boolean);
  if (config.platform.vercelEnv === 'preview' && authHost && !ownHosts.includes(authHost)) {
    add(
      'warning',
      'preview_nextauth_url',
      'NEXTAUTH_URL',
      `NEXTAUTH_URL is ${authHost} on this preview deployment, so signing in with GitHub or Google here would return to ${authHost}: set NEXTAUTH_URL for the Production environment only (a preview then uses its own URL${config.platform.vercelUrl ? `, ${config.platform.vercelUrl}` : ''}).`,
    );
  }

  const { mail } = config;
  if (mail.smtp && !mail.from) {
    add(
      'warning',
      'mail_from_missing',
      'MAIL_FROM',
      "MAIL_FROM is not set: mail goes out from no-reply@ the app's host, which most SMTP services refuse. Set it to an address your SMTP service may send from, e.g. `Hearth <hello@example.com>`.",
    );
  }
  if (mail.smtp && mail.production && !config.auth.url && !vercel) {
    add(
      'warning',
      'mail_origin_missing',
      'NEXTAUTH_URL',
      "SMTP is set but NEXTAUTH_URL is not: links in emails need the app's public address, and the Host a request names cannot be trusted for them. Verification and password reset stay off until NEXTAUTH_URL is set.",
    );
  }

  return problems.sort((a, b) => (a.level === b.level ? 0 : a.level === 'refusal' ? -1 : 1));
}

/** The sslmode a connection string asks for, if any. */
export function sslModeOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('sslmode') ?? undefined;
  } catch {
    return undefined;
  }
}
