import { describe, expect, it } from 'vitest';
import { loadConfig, type Env } from './env';
import { configProblems } from './problems';

const WRITABLE = { dataDirWritable: true };
const READ_ONLY = { dataDirWritable: false };
const PG = 'postgres://hearth:pw@pooler.example.com:6543/postgres';
/** What a complete Vercel + Supabase deployment sets. */
const VERCEL_READY: Env = {
  VERCEL: '1',
  VERCEL_ENV: 'production',
  VERCEL_URL: 'hearth-abc123.vercel.app',
  DATABASE_URL: PG,
  NEXTAUTH_SECRET: 'a-long-enough-shared-secret',
  SUPABASE_URL: 'https://abc.supabase.co',
  SUPABASE_SERVICE_ROLE_KEY: 'service-role-key',
  REDIS_URL: 'rediss://default:pw@eu1.upstash.io:6379',
  CRON_SECRET: 'cron-secret-of-32-characters-xxxx',
};

const problems = (env: Env, facts = WRITABLE) => configProblems(loadConfig(env), facts);
const codes = (env: Env, facts = WRITABLE) => problems(env, facts).map((p) => `${p.level}:${p.code}`);

describe('configuration problems', () => {
  it('finds nothing wrong with no settings at all on a writable disk (one machine, embedded database)', () => {
    expect(problems({})).toEqual([]);
  });

  it('finds nothing wrong with a complete Vercel deployment', () => {
    expect(problems(VERCEL_READY, READ_ONLY)).toEqual([]);
  });

  it('on Vercel without a database, refuses with one sentence naming DATABASE_URL and POSTGRES_URL', () => {
    const found = problems({ ...VERCEL_READY, DATABASE_URL: undefined }, READ_ONLY);
    expect(found.map((p) => p.code)).toContain('database_missing');
    const refusal = found.find((p) => p.code === 'database_missing')!;
    expect(refusal).toMatchObject({ level: 'refusal', setting: 'DATABASE_URL' });
    expect(refusal.message).toMatch(/^Set DATABASE_URL \(or POSTGRES_URL.*\): a Vercel function has no disk/);
  });

  it('accepts POSTGRES_URL, the name the Supabase integration sets, in place of DATABASE_URL', () => {
    expect(problems({ ...VERCEL_READY, DATABASE_URL: undefined, POSTGRES_URL: PG }, READ_ONLY)).toEqual([]);
  });

  it('on a read-only disk elsewhere, refuses the embedded database and says where it would have gone', () => {
    const found = problems({ HEARTH_DATA_DIR: '/srv/ro/hearth', NEXTAUTH_SECRET: 'x'.repeat(32) }, READ_ONLY);
    expect(found.filter((p) => p.level === 'refusal').map((p) => p.code)).toEqual([
      'database_missing',
      'storage_local',
    ]);
    expect(found[0]!.message).toContain('/srv/ro/hearth, which is on a read-only file system');
    expect(found[0]!.message).toMatch(/^Set DATABASE_URL .* or HEARTH_DATA_DIR to a writable directory/);
  });

  it('refuses local-disk storage on Vercel, naming both Supabase settings', () => {
    const found = problems({ ...VERCEL_READY, SUPABASE_SERVICE_ROLE_KEY: '' }, READ_ONLY);
    expect(found.map((p) => `${p.level}:${p.code}`)).toEqual(['refusal:storage_local']);
    expect(found[0]!.message).toMatch(/^Set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY /);
  });

  it('warns when only one of the two Supabase settings is set off Vercel', () => {
    expect(problems({ SUPABASE_URL: 'https://abc.supabase.co' })).toEqual([
      expect.objectContaining({ level: 'warning', code: 'storage_half_set', setting: 'SUPABASE_SERVICE_ROLE_KEY' }),
    ]);
  });

  it('refuses a shared database without NEXTAUTH_SECRET; without a database the generated secret stays', () => {
    expect(codes({ DATABASE_URL: PG })).toEqual(['refusal:auth_secret_missing']);
    expect(problems({ DATABASE_URL: PG })[0]!.message).toMatch(
      /^Set NEXTAUTH_SECRET .*several servers may sign sessions/,
    );
    expect(codes({ DATABASE_URL: PG, NEXTAUTH_SECRET: 'secret' })).toEqual([]);
    expect(codes({})).toEqual([]);
  });

  it('warns, without refusing, when Redis is missing on Vercel', () => {
    const found = problems({ ...VERCEL_READY, REDIS_URL: undefined }, READ_ONLY);
    expect(found).toEqual([expect.objectContaining({ level: 'warning', code: 'redis_missing', setting: 'REDIS_URL' })]);
    expect(found[0]!.message).toContain('go through the database');
    expect(codes({ DATABASE_URL: PG, NEXTAUTH_SECRET: 's' })).toEqual([]); // not on Vercel: one process is fine
  });

  it('warns when a preview deployment carries a NEXTAUTH_URL for another host', () => {
    const preview = { ...VERCEL_READY, VERCEL_ENV: 'preview', VERCEL_URL: 'hearth-git-feature-me.vercel.app' };
    const found = problems({ ...preview, NEXTAUTH_URL: 'https://hearth.example.com' }, READ_ONLY);
    expect(found).toEqual([
      expect.objectContaining({ level: 'warning', code: 'preview_nextauth_url', setting: 'NEXTAUTH_URL' }),
    ]);
    expect(found[0]!.message).toContain('would return to hearth.example.com');
    expect(found[0]!.message).toContain('Production environment only');
    // Its own URL, or no NEXTAUTH_URL, or production: nothing to say.
    expect(problems({ ...preview, NEXTAUTH_URL: 'https://hearth-git-feature-me.vercel.app' }, READ_ONLY)).toEqual([]);
    expect(problems(preview, READ_ONLY)).toEqual([]);
    expect(problems({ ...VERCEL_READY, NEXTAUTH_URL: 'https://hearth.example.com' }, READ_ONLY)).toEqual([]);
  });

  it('warns about a CA certificate the connection string switches off', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const base = { NEXTAUTH_SECRET: 's', DATABASE_CA_CERT: ca };
    expect(codes({ ...base, DATABASE_URL: `${PG}?sslmode=no-verify` })).toEqual(['warning:ca_cert_unused']);
    expect(codes({ ...base, DATABASE_URL: `${PG}?sslmode=disable` })).toEqual(['warning:ca_cert_unused']);
    expect(codes({ ...base, DATABASE_URL: `${PG}?sslmode=require` })).toEqual([]);
  });

  it("warns on Vercel about Supabase's direct connection, a missing CRON_SECRET and a short token", () => {
    expect(
      codes(
        { ...VERCEL_READY, DATABASE_URL: 'postgresql://postgres:pw@db.abcdefgh.supabase.co:5432/postgres' },
        READ_ONLY,
      ),
    ).toEqual(['warning:database_direct']);
    expect(codes({ ...VERCEL_READY, CRON_SECRET: undefined }, READ_ONLY)).toEqual(['warning:cron_secret_missing']);
    expect(codes({ HEALTH_TOKEN: 'short' })).toEqual(['warning:token_short']);
  });

  it('refuses values it cannot use, naming the variable without repeating the value, refusals first', () => {
    const found = problems({
      REDIS_URL: 'http://not-redis',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      DATABASE_POOL_MAX: 'lots',
      DATABASE_CA_CERT: '/etc/ssl/ca.pem',
      NEXTAUTH_SECRET: 's',
    });
    expect(found.map((p) => `${p.level}:${p.setting}`)).toEqual([
      'refusal:DATABASE_URL',
      'refusal:DATABASE_POOL_MAX',
      'refusal:DATABASE_CA_CERT',
      'refusal:REDIS_URL',
    ]);
    expect(found[0]!.message).toBe(
      'DATABASE_URL must be a PostgreSQL connection string (postgres://user:password@host:port/database).',
    );
    expect(found[1]!.message).toBe('DATABASE_POOL_MAX must be a whole number from 1 to 1000.');
    expect(found[2]!.message).toMatch(
      /^DATABASE_CA_CERT must hold the text of the CA certificate .*not a file name\.$/,
    );
    expect(JSON.stringify(found)).not.toContain('hunter2');
  });
});
