import type { Tier } from '@/lib/rate-limit/limits';

/**
 * How many bytes each kind of person may store (uploads, generated pictures, voice notes and call
 * audio, pending uploads at their announced size), from the environment. Each role's quota is its
 * own variable when set (STORAGE_QUOTA_MB_GUEST, _USER, _ADMIN), else derived from the base
 * STORAGE_QUOTA_MB: guests get a twenty-fifth of it, users all of it, admins no limit. 0 is no
 * limit. The database enforces it (supabase/migrations/20261207070000_storage_quota.sql).
 */
export type StorageQuotas = Record<Tier, number>;

export type Env = Record<string, string | undefined>;

export const MB = 1024 * 1024;
export const DEFAULT_STORAGE_QUOTA_MB = 500;

export function storageQuotas(env: Env = process.env): StorageQuotas {
  const base = megabytes(env.STORAGE_QUOTA_MB) ?? DEFAULT_STORAGE_QUOTA_MB;
  return {
    guest: (megabytes(env.STORAGE_QUOTA_MB_GUEST) ?? Math.ceil(base / 25)) * MB,
    user: (megabytes(env.STORAGE_QUOTA_MB_USER) ?? base) * MB,
    admin: (megabytes(env.STORAGE_QUOTA_MB_ADMIN) ?? 0) * MB,
  };
}

/** The quotas as the database reads them in a user scope: "guest,user,admin" in bytes. */
export function storageQuotaSetting(env: Env = process.env): string {
  const quotas = storageQuotas(env);
  return `${quotas.guest},${quotas.user},${quotas.admin}`;
}

/** A whole number of megabytes, at least 0, or undefined for anything else. */
function megabytes(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? Math.min(n, 1_000_000_000) : undefined;
}
