import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import type { Database } from '@/lib/db';
import { startMailCatcher, type MailCatcher } from './mail-catcher';

export const TEST_ORIGIN = 'http://hearth.test';

/**
 * For a describe block whose code sends mail and uses the process's database: a loopback SMTP
 * server as SMTP_URL, NEXTAUTH_URL for the links, and `open()`'s database as the process's. The
 * returned getters exist once beforeAll has run.
 */
export function useMailAndDatabase(
  open: () => Promise<Database>,
  env: Record<string, string> = {},
): { db: () => Database; inbox: () => MailCatcher } {
  let db: Database | undefined;
  let inbox: MailCatcher | undefined;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previous = globalDb.__hearthDb;
  const stub = () => {
    vi.stubEnv('SMTP_URL', inbox!.url);
    vi.stubEnv('MAIL_FROM', 'Hearth <hello@hearth.test>');
    vi.stubEnv('NEXTAUTH_URL', TEST_ORIGIN);
    vi.stubEnv('NEXTAUTH_SECRET', 'mail-tests-session-secret-0123456789');
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  };
  beforeAll(async () => {
    inbox = await startMailCatcher();
    db = await open();
    globalDb.__hearthDb = Promise.resolve(db);
    stub();
  });
  // Other tests' unstubAllEnvs must not take the settings away.
  beforeEach(() => {
    globalDb.__hearthDb = Promise.resolve(db!);
    stub();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    globalDb.__hearthDb = previous;
    await db?.close();
    await inbox?.close();
  });
  return { db: () => db!, inbox: () => inbox! };
}

/** A fresh address for one test. */
export const freshEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
