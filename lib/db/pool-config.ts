import type { PoolConfig } from 'pg';
import { parse, toClientConfig } from 'pg-connection-string';

export type PostgresOptions = {
  /** Connections the pool may hold at once (DATABASE_POOL_MAX). */
  max?: number;
  /** PEM text of a CA to trust for the server's certificate (DATABASE_CA_CERT). */
  caCert?: string;
};

/**
 * The pg pool's settings for a connection string. pg lets a connection string's ssl settings
 * replace a config's `ssl` object outright, so the CA would be lost if passed beside the string:
 * the string is parsed here and the CA merged into what it asks for.
 * - sslmode=require / verify-ca / verify-full (pg treats all three as verify-full) or no sslmode:
 *   verified against the CA (a CA given without sslmode turns TLS on).
 * - sslmode=no-verify: encrypted, the server not verified; the CA changes nothing.
 * - sslmode=disable: no TLS.
 */
export function poolConfig(connectionString: string, { max = 10, caCert }: PostgresOptions = {}): PoolConfig {
  const config = toClientConfig(parse(connectionString));
  if (caCert && config.ssl !== false) {
    config.ssl = { ...(typeof config.ssl === 'object' ? config.ssl : {}), ca: caCert };
  }
  return { ...config, max, idleTimeoutMillis: 30_000 };
}
