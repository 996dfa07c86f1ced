import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './env';
import { cronSecret, getConfig } from './index';

const PG = 'postgres://hearth:pw@pooler.example.com:6543/postgres';

describe('loadConfig', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('with nothing set: the embedded database under ./.data, local uploads, a pool of 10', () => {
    const config = loadConfig({});
    expect(config.platform.vercel).toBe(false);
    expect(config.database).toEqual({ url: undefined, from: undefined, poolMax: 10, caCert: undefined });
    expect(config.dataDir).toBe(path.join(process.cwd(), '.data'));
    expect(config.storage).toEqual({
      kind: 'local',
      dir: path.join(process.cwd(), '.data', 'uploads'),
      halfSet: undefined,
    });
    expect(config.invalid).toEqual([]);
  });

  it('treats an empty value (a bare NAME= line in .env) as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', POSTGRES_URL: '  ', VERCEL: '', REDIS_URL: '' });
    expect(config.database.url).toBeUndefined();
    expect(config.platform.vercel).toBe(false);
    expect(config.redisUrl).toBeUndefined();
    expect(config.invalid).toEqual([]);
  });

  it('takes DATABASE_URL first and POSTGRES_URL as the fallback, and says which', () => {
    expect(loadConfig({ POSTGRES_URL: PG }).database).toMatchObject({ url: PG, from: 'POSTGRES_URL' });
    expect(loadConfig({ DATABASE_URL: `${PG}?a=1`, POSTGRES_URL: PG }).database).toMatchObject({
      url: `${PG}?a=1`,
      from: 'DATABASE_URL',
    });
  });

  it('keeps the pool small by default on Vercel, and takes DATABASE_POOL_MAX everywhere', () => {
    expect(loadConfig({ VERCEL: '1' }).database.poolMax).toBe(3);
    expect(loadConfig({ VERCEL: '1', DATABASE_POOL_MAX: '1' }).database.poolMax).toBe(1);
    expect(loadConfig({ DATABASE_POOL_MAX: '25' }).database.poolMax).toBe(25);
    expect(loadConfig({ DATABASE_POOL_MAX: '0' }).invalid.map((p) => p.setting)).toEqual(['DATABASE_POOL_MAX']);
    expect(loadConfig({ DATABASE_POOL_MAX: '2.5' }).database.poolMax).toBe(10);
  });

  it('reads a CA certificate pasted on one line with \\n for its line breaks', () => {
    const config = loadConfig({
      DATABASE_CA_CERT: '-----BEGIN CERTIFICATE-----\\nMIIBabc\\n-----END CERTIFICATE-----\\n',
    });
    expect(config.database.caCert).toBe('-----BEGIN CERTIFICATE-----\nMIIBabc\n-----END CERTIFICATE-----');
  });

  it('uses Supabase Storage only when both its settings are set', () => {
    expect(loadConfig({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' }).storage).toEqual({
      kind: 'supabase',
      url: 'https://abc.supabase.co',
      serviceRoleKey: 'k',
      bucket: 'hearth-media',
    });
    expect(
      loadConfig({
        SUPABASE_URL: 'https://abc.supabase.co',
        SUPABASE_SERVICE_ROLE_KEY: 'k',
        SUPABASE_STORAGE_BUCKET: 'media',
      }).storage,
    ).toMatchObject({ bucket: 'media' });
    expect(loadConfig({ SUPABASE_SERVICE_ROLE_KEY: 'k' }).storage).toMatchObject({
      kind: 'local',
      halfSet: 'SUPABASE_SERVICE_ROLE_KEY',
    });
  });

  it('puts the data directory where HEARTH_DATA_DIR says, made absolute', () => {
    expect(loadConfig({ HEARTH_DATA_DIR: 'var/hearth' }).dataDir).toBe(path.resolve('var/hearth'));
  });

  it('getConfig follows the environment when one of its variables changes', () => {
    vi.stubEnv('CRON_SECRET', 'first-cron-secret-0123456789');
    expect(cronSecret()).toBe('first-cron-secret-0123456789');
    const config = getConfig();
    expect(getConfig()).toBe(config); // unchanged: not parsed again
    vi.stubEnv('CRON_SECRET', 'second-cron-secret-0123456789');
    expect(cronSecret()).toBe('second-cron-secret-0123456789');
    vi.stubEnv('CRON_SECRET', '');
    expect(cronSecret()).toBeUndefined();
  });
});
