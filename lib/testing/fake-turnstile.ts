import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Cloudflare Turnstile's siteverify endpoint, speaking its wire protocol:
 * a form-encoded POST of `secret`, `response` and optionally `remoteip`, answered with JSON
 * `{ success, error-codes, challenge_ts, hostname, action }`. Tokens are made by `issue()` (what
 * the widget would hand the browser) and, as with Cloudflare, are good for one verification.
 */
export type FakeTurnstile = {
  /** The URL to set as TURNSTILE_VERIFY_URL. */
  verifyUrl: string;
  secret: string;
  /** A token the widget would give a person who passed, for this action. */
  issue: (action: string) => string;
  /** Every verification asked for, with its form fields. */
  requests: Record<string, string>[];
  /** Answer 503 to everything, as during an outage. */
  setDown: (down: boolean) => void;
  close: () => Promise<void>;
};

export async function startFakeTurnstile(secret = 'turnstile-test-secret'): Promise<FakeTurnstile> {
  const issued = new Map<string, { action: string; used: boolean }>();
  const requests: Record<string, string>[] = [];
  let down = false;
  const server = createServer((req, res) => {
    void (async () => {
      const fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
      requests.push(fields);
      if (down) {
        res.writeHead(503, { 'content-type': 'text/html' }).end('<html>unavailable</html>');
        return;
      }
      const answer = (body: object) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const failure = (code: string) => answer({ success: false, 'error-codes': [code], messages: [] });
      if (req.method !== 'POST' || req.url !== '/turnstile/v0/siteverify') return failure('bad-request');
      if (!fields.secret) return failure('missing-input-secret');
      if (fields.secret !== secret) return failure('invalid-input-secret');
      if (!fields.response) return failure('missing-input-response');
      const token = issued.get(fields.response);
      if (!token) return failure('invalid-input-response');
      if (token.used) return failure('timeout-or-duplicate');
      token.used = true;
      answer({
        success: true,
        'error-codes': [],
        challenge_ts: new Date().toISOString(),
        hostname: 'hearth.test',
        action: token.action,
        cdata: '',
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    verifyUrl: `http://127.0.0.1:${port}/turnstile/v0/siteverify`,
    secret,
    issue: (action) => {
      const token = `0.${crypto.randomUUID()}.${action}`;
      issued.set(token, { action, used: false });
      return token;
    },
    requests,
    setDown: (value) => void (down = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
