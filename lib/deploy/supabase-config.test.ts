import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';

type Config = {
  project_id?: string;
  api?: { enabled?: boolean; port?: number; schemas?: string[]; extra_search_path?: string[]; max_rows?: number };
  db?: {
    port?: number;
    shadow_port?: number;
    major_version?: number;
    migrations?: { enabled?: boolean };
    seed?: { enabled?: boolean; sql_paths?: string[] };
  };
  storage?: { enabled?: boolean; file_size_limit?: string; buckets?: Record<string, { public?: boolean }> };
  auth?: { enabled?: boolean; site_url?: string; enable_signup?: boolean; email?: { enable_signup?: boolean } };
};

const SUPABASE_DIR = path.join(process.cwd(), 'supabase');
const config = parse(readFileSync(path.join(SUPABASE_DIR, 'config.toml'), 'utf8')) as Config;

describe('supabase/config.toml', () => {
  it('has the keys `supabase init` writes, with values the CLI accepts', () => {
    expect(config.project_id).toMatch(/^[a-z0-9-]+$/);
    expect(config.api).toMatchObject({ enabled: true, port: expect.any(Number), max_rows: expect.any(Number) });
    expect(config.db).toMatchObject({
      port: expect.any(Number),
      shadow_port: expect.any(Number),
      major_version: expect.any(Number),
    });
    expect([15, 17]).toContain(config.db!.major_version);
    expect(config.db!.migrations?.enabled).toBe(true);
    expect(config.storage?.enabled).toBe(true);
    expect(config.auth).toMatchObject({ enabled: true, site_url: expect.any(String) });
  });

  it('does not expose Hearth’s schema through the Data API', () => {
    expect(config.api!.schemas).not.toContain('hearth');
    expect(config.api!.extra_search_path).not.toContain('hearth');
  });

  it('keeps the media bucket private and Supabase Auth sign-ups closed', () => {
    expect(config.storage!.buckets?.['hearth-media']?.public).toBe(false);
    expect(config.auth!.enable_signup).toBe(false);
    expect(config.auth!.email?.enable_signup).toBe(false);
  });

  it('seeds from files that exist', () => {
    for (const file of config.db!.seed?.sql_paths ?? []) expect(existsSync(path.join(SUPABASE_DIR, file))).toBe(true);
  });
});
