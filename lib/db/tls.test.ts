import { readFileSync } from 'node:fs';
import { rootCertificates, TLSSocket } from 'node:tls';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { runStartup } from '@/lib/testing/startup';
import { openPostgres } from './client';
import { describeOpenError } from './open-errors';
import { poolConfig } from './pool-config';

/**
 * A TLS pooler whose certificate a private CA signed, as Supabase's is. CI starts PgBouncer so
 * and exports TEST_POOLER_TLS_URL (with sslmode=require) and TEST_POOLER_TLS_CA (the CA's PEM file).
 */
const url = process.env.TEST_POOLER_TLS_URL;
const caFile = process.env.TEST_POOLER_TLS_CA;
if (!url || !caFile)
  console.warn('[tls.test] skipped: set TEST_POOLER_TLS_URL and TEST_POOLER_TLS_CA to run it against a TLS pooler');

const UNTRUSTED =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/;

/** Connects one client with Hearth's pool settings and reports whether its socket is TLS. */
async function connectedOverTls(connectionString: string, caCert?: string): Promise<boolean> {
  const client = new pg.Client(poolConfig(connectionString, { caCert }));
  await client.connect();
  try {
    await client.query('select 1');
    return (client as unknown as { connection: { stream: unknown } }).connection.stream instanceof TLSSocket;
  } finally {
    await client.end();
  }
}

describe.skipIf(!url || !caFile)('a TLS pooler signed by a private CA', () => {
  const withMode = (mode: string) => {
    const u = new URL(url!);
    u.searchParams.set('sslmode', mode);
    return u.toString();
  };

  it('verifies and works with DATABASE_CA_CERT set to the text of the CA certificate', async () => {
    const config = loadConfig({
      DATABASE_URL: url,
      DATABASE_CA_CERT: readFileSync(caFile!, 'utf8'),
      NEXTAUTH_SECRET: 'x'.repeat(32),
    });
    expect(config.invalid).toEqual([]);
    const db = await openPostgres(config.database.url!, { max: 1, caCert: config.database.caCert });
    try {
      expect(await db.query('select 41 + 1 as answer')).toEqual([{ answer: 42 }]);
      expect(await db.transaction((tx) => tx.query('select 1 as one'))).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(await connectedOverTls(url!, config.database.caCert)).toBe(true);
  });

  it('without it, sslmode=require fails on the certificate, and the message says what to set', async () => {
    const db = await openPostgres(url!, { max: 1 });
    const error: unknown = await db.query('select 1').then(
      () => null,
      (e: unknown) => e,
    );
    await db.close();
    expect(String((error as { code?: string }).code)).toMatch(UNTRUSTED);
    const said = describeOpenError(error, loadConfig({ DATABASE_URL: url }).database);
    expect(said).toContain('Set DATABASE_CA_CERT to the text of that CA');
    expect(said).toContain('sslmode=no-verify');
  });

  it('a CA that did not sign the certificate does not verify it either', async () => {
    const otherCa = rootCertificates[0]!; // a public CA: trusting it says nothing about a private one
    await expect(connectedOverTls(url!, otherCa)).rejects.toMatchObject({ code: expect.stringMatching(UNTRUSTED) });
  });

  it('sslmode=no-verify encrypts without verifying the server', async () => {
    expect(await connectedOverTls(withMode('no-verify'))).toBe(true);
  });

  it('the start prints the same sentence and exits non-zero', async () => {
    const { status, output } = await runStartup({ DATABASE_URL: url!, NEXTAUTH_SECRET: 'x'.repeat(32) });
    expect(status).toBe(1);
    expect(output).toMatch(
      /\[hearth\] The database server's TLS certificate could not be verified \(\w+\).*Set DATABASE_CA_CERT/,
    );
  });
});
