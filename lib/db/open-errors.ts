import type { Config } from '../config/index.ts';

// OpenSSL's codes for a certificate chain that does not lead to a trusted CA.
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/**
 * What the start prints when the database cannot be opened: for a TLS certificate that does not
 * verify, what to set; otherwise the driver's own message (pg's never include the password).
 */
export function describeOpenError(error: unknown, database: Config['database']): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  const name = database.from ?? 'DATABASE_URL';
  if (UNTRUSTED.has(code)) {
    if (database.caCert) {
      return `The database server's TLS certificate is not signed by the CA in DATABASE_CA_CERT (${code}). Set DATABASE_CA_CERT to the certificate of the CA that signed the server's (on Supabase: Database Settings, SSL Configuration, Download certificate).`;
    }
    return (
      `The database server's TLS certificate could not be verified (${code}): it is signed by a CA this server does not trust, as Supabase's pooler is. ` +
      `Set DATABASE_CA_CERT to the text of that CA's certificate (on Supabase: Database Settings, SSL Configuration, Download certificate) to verify it, ` +
      `or set sslmode=no-verify in ${name} to encrypt the connection without verifying the server.`
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The database server's TLS certificate is for another host name (${message}). Connect with the host name in its certificate, as given by your provider.`;
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return `The database server's TLS certificate has expired. Renew it, or check the server's clock and this one's.`;
  }
  if (/does not support SSL/i.test(message)) {
    const asker = database.caCert ? 'DATABASE_CA_CERT is set' : `${name} asks for it (sslmode)`;
    return `The database server does not accept TLS connections, but ${asker}. Connect to a server that does, or set sslmode=disable in ${name} if the network between them is private.`;
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)) {
    return `Could not reach the database (${message}): check the host and port in ${name}.`;
  }
  return message;
}
