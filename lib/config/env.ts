import path from 'node:path';
import { z } from 'zod';
import type { Problem } from './problem.ts';

/**
 * The settings that decide how Hearth is deployed: platform, database, data directory, storage,
 * auth, Redis and the two operator secrets. Read from the environment in one place (the model
 * providers' keys stay with lib/ai, which takes an `env` parameter). Relative imports with
 * extensions: scripts/ and the startup check load this under plain Node.
 */
export type Env = Record<string, string | undefined>;

export type Config = {
  platform: {
    /** VERCEL is set: a serverless function, many instances, a read-only disk. */
    vercel: boolean;
    vercelEnv?: 'production' | 'preview' | 'development';
    /** The deployment's own host (no scheme), and the branch's stable one on previews. */
    vercelUrl?: string;
    vercelBranchUrl?: string;
  };
  database: {
    /** Unset: the embedded database (PGlite) in the data directory. */
    url?: string;
    /** Which variable the URL came from, for messages. */
    from?: 'DATABASE_URL' | 'POSTGRES_URL';
    /** Connections this instance may hold at once. */
    poolMax: number;
    /** PEM text of the CA that signed the server's certificate (e.g. Supabase's pooler). */
    caCert?: string;
  };
  /** Where the embedded database, local uploads and a generated auth secret live. */
  dataDir: string;
  storage:
    | { kind: 'supabase'; url: string; serviceRoleKey: string; bucket: string }
    | {
        kind: 'local';
        dir: string;
        /** the one of the two Supabase variables that is set alone */ halfSet?:
          'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY';
      };
  auth: { secret?: string; url?: string };
  redisUrl?: string;
  /** Authorizes the cron route (Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`). */
  cronSecret?: string;
  /** Lets a monitor read /api/health's details with `Authorization: Bearer <HEALTH_TOKEN>`. */
  healthToken?: string;
  /** Outgoing mail (verification and password-reset links); lib/mail decides how it is delivered. */
  mail: MailConfig;
  /**
   * How many proxies in front append to X-Forwarded-For, so that the entry that many from the
   * right names the client (TRUST_PROXY). 0: the header is not believed. On Vercel, whose edge
   * sets the header itself, 1 unless TRUST_PROXY says otherwise.
   */
  trustedProxies: number;
  /** Cloudflare Turnstile on sign-up and guest sessions, when both keys are set. */
  humanCheck?: { siteKey: string; secretKey: string; verifyUrl: string };
  /** The one of the two Turnstile keys that is set alone. */
  humanCheckHalfSet?: 'TURNSTILE_SITE_KEY' | 'TURNSTILE_SECRET_KEY';
  /**
   * How the two ends of a live call find a way to each other: STUN servers, and TURN servers
   * whose short-lived credentials are minted from coturn's shared secret (`use-auth-secret`).
   */
  ice: { stunUrls: string[]; turn?: { urls: string[]; secret: string }; turnHalfSet?: 'TURN_URLS' | 'TURN_SECRET' };
  /** Values that were set but cannot be used, as refusals; each such setting counts as unset. */
  invalid: Problem[];
};

export type MailConfig = {
  /** SMTP_URL, or SMTP_HOST with its port, TLS and login. Unset: no SMTP server. */
  smtp?: { url: string } | { host: string; port?: number; secure?: boolean; user?: string; pass?: string };
  /** MAIL_FROM, e.g. `Hearth <hello@example.com>`. */
  from?: string;
  /** MAIL_TO_LOG=1: print every message (links included) to the server log, in production too. */
  toLog: boolean;
  /** NODE_ENV is production: links go to the log only when toLog says so. */
  production: boolean;
};

export const POOL_MAX_DEFAULT = 10;
/** A Vercel instance serves few requests at a time, and every warm one holds its pool open. */
export const POOL_MAX_DEFAULT_SERVERLESS = 3;

// '' (a line `NAME=` in .env) means unset, as it does for every other setting.
const blankIsUnset = (schema: z.ZodType) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
    error: 'must be a PostgreSQL connection string (postgres://user:password@host:port/database)',
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'must be an http:// or https:// URL',
  });

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['1', '0', 'true', 'false', 'yes', 'no'].includes(value), {
    error: 'must be true or false (1 or 0)',
  })
  .transform((value) => ['1', 'true', 'yes'].includes(value));

/** A comma-separated list of STUN or TURN server URIs (stun:host:3478, turns:host:5349?transport=tcp). */
function iceUrls(scheme: 'stun' | 'turn') {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.length > 0 && urls.every((url) => new RegExp(`^${scheme}s?:[^\\s/]+$`).test(url)), {
      error: `must be a comma-separated list of ${scheme}: or ${scheme}s: URIs (${scheme}:host:port)`,
    });
}

const FIELDS = {
  VERCEL: z.string(),
  VERCEL_ENV: z.enum(['production', 'preview', 'development'], { error: 'must be production, preview or development' }),
  VERCEL_URL: z.string().trim(),
  VERCEL_BRANCH_URL: z.string().trim(),
  DATABASE_URL: postgresUrl,
  POSTGRES_URL: postgresUrl,
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number from 1 to 1000' })
    .int({ error: 'must be a whole number from 1 to 1000' })
    .min(1, { error: 'must be a whole number from 1 to 1000' })
    .max(1000, { error: 'must be a whole number from 1 to 1000' }),
  DATABASE_CA_CERT: z
    .string()
    // A one-line .env value often carries the PEM's line breaks as the two characters \n.
    .transform((value) => value.replace(/\\n/g, '\n').trim())
    .refine((value) => value.includes('-----BEGIN CERTIFICATE-----'), {
      error:
        'must hold the text of the CA certificate (from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----), not a file name',
    }),
  HEARTH_DATA_DIR: z.string().trim(),
  SUPABASE_URL: httpUrl,
  SUPABASE_SERVICE_ROLE_KEY: z.string().trim(),
  SUPABASE_STORAGE_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, { error: 'must be a bucket id (lower-case letters, digits, . _ -)' }),
  NEXTAUTH_SECRET: z.string(),
  NEXTAUTH_URL: httpUrl,
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => /^rediss?:\/\/.+/.test(value), { error: 'must be a redis:// or rediss:// URL' }),
  CRON_SECRET: z.string().trim(),
  HEALTH_TOKEN: z.string().trim(),
  NODE_ENV: z.string().trim(),
  SMTP_URL: z
    .string()
    .trim()
    .refine((value) => /^smtps?:\/\/.+/.test(value), {
      error: 'must be an smtp:// or smtps:// URL (smtp://user:password@host:587)',
    }),
  SMTP_HOST: z.string().trim(),
  SMTP_PORT: z.coerce
    .number({ error: 'must be a port number from 1 to 65535' })
    .int({ error: 'must be a port number from 1 to 65535' })
    .min(1, { error: 'must be a port number from 1 to 65535' })
    .max(65535, { error: 'must be a port number from 1 to 65535' }),
  SMTP_USER: z.string().trim(),
  SMTP_PASS: z.string(),
  SMTP_SECURE: flag,
  MAIL_FROM: z.string().trim(),
  MAIL_TO_LOG: flag,
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => /^(true|false|[0-9])$/.test(value), {
      error: 'must be true, false or the number of proxies in front (0 to 9)',
    })
    .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value))),
  TURNSTILE_SITE_KEY: z.string().trim(),
  TURNSTILE_SECRET_KEY: z.string().trim(),
  TURNSTILE_VERIFY_URL: httpUrl,
  STUN_URLS: iceUrls('stun'),
  TURN_URLS: iceUrls('turn'),
  TURN_SECRET: z.string().trim().min(16, { error: 'must be at least 16 characters' }),
} as const;

export const TURNSTILE_VERIFY_URL_DEFAULT = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

type Name = keyof typeof FIELDS;
type Values = { [K in Name]?: z.output<(typeof FIELDS)[K]> };

/** The names this module reads, for code that must know whether one of them changed. */
/** The private bucket Hearth keeps media in on Supabase Storage, unless SUPABASE_STORAGE_BUCKET names another. */
export const DEFAULT_BUCKET = 'hearth-media';

export const CONFIG_VARIABLES = Object.keys(FIELDS) as Name[];
const SCHEMAS = {} as Record<Name, z.ZodType>;
for (const name of CONFIG_VARIABLES) SCHEMAS[name] = blankIsUnset(FIELDS[name]);

/**
 * Parses the deployment settings. Never throws: a value that is set but unusable becomes a
 * refusal in `invalid` (its message names the variable, never echoes the value, which may hold
 * a password) and the setting counts as unset.
 */
export function loadConfig(env: Env = process.env): Config {
  const values: Values = {};
  const invalid: Problem[] = [];
  for (const name of CONFIG_VARIABLES) {
    const parsed = SCHEMAS[name].safeParse(env[name]);
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else
      invalid.push({
        level: 'refusal',
        code: 'invalid_value',
        setting: name,
        message: `${name} ${parsed.error.issues[0]?.message ?? 'is not valid'}.`,
      });
  }

  const vercel = values.VERCEL !== undefined && values.VERCEL !== '0';
  const url = values.DATABASE_URL ?? values.POSTGRES_URL;
  // turbopackIgnore: the directory is chosen at run time; the build must not trace files under it.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ values.HEARTH_DATA_DIR ?? path.join(process.cwd(), '.data'));
  const supabaseUrl = values.SUPABASE_URL;
  const serviceRoleKey = values.SUPABASE_SERVICE_ROLE_KEY;

  return {
    platform: {
      vercel,
      vercelEnv: values.VERCEL_ENV,
      vercelUrl: values.VERCEL_URL,
      vercelBranchUrl: values.VERCEL_BRANCH_URL,
    },
    database: {
      url,
      from: values.DATABASE_URL ? 'DATABASE_URL' : values.POSTGRES_URL ? 'POSTGRES_URL' : undefined,
      poolMax: values.DATABASE_POOL_MAX ?? (vercel ? POOL_MAX_DEFAULT_SERVERLESS : POOL_MAX_DEFAULT),
      caCert: values.DATABASE_CA_CERT,
    },
    dataDir,
    storage:
      supabaseUrl && serviceRoleKey
        ? {
            kind: 'supabase',
            url: supabaseUrl,
            serviceRoleKey,
            bucket: values.SUPABASE_STORAGE_BUCKET ?? DEFAULT_BUCKET,
          }
        : {
            kind: 'local',
            dir: path.join(dataDir, 'uploads'),
            halfSet: supabaseUrl ? 'SUPABASE_URL' : serviceRoleKey ? 'SUPABASE_SERVICE_ROLE_KEY' : undefined,
          },
    auth: { secret: values.NEXTAUTH_SECRET, url: values.NEXTAUTH_URL },
    redisUrl: values.REDIS_URL,
    cronSecret: values.CRON_SECRET,
    healthToken: values.HEALTH_TOKEN,
    mail: {
      smtp: values.SMTP_URL
        ? { url: values.SMTP_URL }
        : values.SMTP_HOST
          ? {
              host: values.SMTP_HOST,
              port: values.SMTP_PORT,
              secure: values.SMTP_SECURE,
              user: values.SMTP_USER,
              pass: values.SMTP_PASS,
            }
          : undefined,
      from: values.MAIL_FROM,
      toLog: values.MAIL_TO_LOG ?? false,
      production: values.NODE_ENV === 'production',
    },
    trustedProxies: values.TRUST_PROXY ?? (vercel ? 1 : 0),
    humanCheck:
      values.TURNSTILE_SITE_KEY && values.TURNSTILE_SECRET_KEY
        ? {
            siteKey: values.TURNSTILE_SITE_KEY,
            secretKey: values.TURNSTILE_SECRET_KEY,
            verifyUrl: values.TURNSTILE_VERIFY_URL ?? TURNSTILE_VERIFY_URL_DEFAULT,
          }
        : undefined,
    humanCheckHalfSet: theOneSet(values, 'TURNSTILE_SITE_KEY', 'TURNSTILE_SECRET_KEY'),
    ice: {
      stunUrls: values.STUN_URLS ?? [],
      turn: values.TURN_URLS && values.TURN_SECRET ? { urls: values.TURN_URLS, secret: values.TURN_SECRET } : undefined,
      turnHalfSet: theOneSet(values, 'TURN_URLS', 'TURN_SECRET'),
    },
    invalid,
  };
}

/** Of two settings that work only together, the one that is set when the other is not. */
function theOneSet<A extends Name, B extends Name>(values: Values, a: A, b: B): A | B | undefined {
  if (values[a] && !values[b]) return a;
  if (!values[a] && values[b]) return b;
  return undefined;
}
