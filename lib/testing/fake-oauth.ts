// Imported by scripts/fake-oauth.ts under plain Node too: relative imports with extensions only.
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * GitHub's and Google's sign-in, on 127.0.0.1, speaking the authorization-code flow as they do:
 * GitHub's authorize page, token endpoint, /user and /user/emails; Google's OpenID discovery
 * document, authorize page, token endpoint (PKCE checked, an RS256-signed id_token with
 * email_verified) and keys. next-auth reaches it through GITHUB_OAUTH_BASE_URL and
 * GOOGLE_OAUTH_BASE_URL. The authorize pages sign in whoever is next in line (nextUser) at once.
 */
export type FakeOAuthUser = { id: string; name: string; email: string; emailVerified: boolean };
export type Provider = 'github' | 'google';
export type FakeOAuthServer = {
  origin: string;
  clients: Record<Provider, { id: string; secret: string }>;
  /** The person the provider's next authorize request signs in. */
  nextUser: (provider: Provider, user: FakeOAuthUser) => void;
  close: () => Promise<void>;
};

type Grant = { provider: Provider; user: FakeOAuthUser; redirectUri: string; challenge?: string };

export async function startFakeOAuthServer({ port = 0 }: { port?: number } = {}): Promise<FakeOAuthServer> {
  const clients: FakeOAuthServer['clients'] = {
    github: { id: 'fake-github-client', secret: 'fake-github-secret' },
    google: { id: 'fake-google-client.apps.googleusercontent.com', secret: 'fake-google-secret' },
  };
  const next: Partial<Record<Provider, FakeOAuthUser>> = {};
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, FakeOAuthUser>();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  let origin = '';

  const idToken = (user: FakeOAuthUser) => {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${b64({ alg: 'RS256', kid, typ: 'JWT' })}.${b64({
      iss: origin,
      aud: clients.google.id,
      sub: user.id,
      email: user.email,
      email_verified: user.emailVerified,
      name: user.name,
      iat: now,
      exp: now + 3600,
    })}`;
    return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
  };

  const authorize = (provider: Provider, url: URL, res: ServerResponse) => {
    const user = next[provider];
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (!user || url.searchParams.get('client_id') !== clients[provider].id || !redirectUri)
      return json(res, 400, { error: 'invalid_request' });
    delete next[provider];
    const code = randomBytes(16).toString('hex');
    codes.set(code, { provider, user, redirectUri, challenge: url.searchParams.get('code_challenge') ?? undefined });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (url.searchParams.has('state')) back.searchParams.set('state', url.searchParams.get('state')!);
    res.writeHead(302, { location: back.href }).end();
  };

  const token = (provider: Provider, req: IncomingMessage, form: URLSearchParams, res: ServerResponse) => {
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [form.get('client_id'), form.get('client_secret')];
    if (id !== clients[provider].id || secret !== clients[provider].secret)
      return json(res, 401, { error: 'invalid_client' });
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    if (!grant || grant.provider !== provider || grant.redirectUri !== form.get('redirect_uri'))
      return json(res, 400, { error: 'invalid_grant' });
    if (
      grant.challenge &&
      createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url') !== grant.challenge
    ) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'code_verifier' });
    }
    const accessToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, grant.user);
    if (provider === 'github')
      return json(res, 200, { access_token: accessToken, token_type: 'bearer', scope: 'read:user,user:email' });
    return json(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3599,
      scope: 'openid email profile',
      id_token: idToken(grant.user),
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const bearer = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const caller = bearer ? tokens.get(bearer) : undefined;
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case 'GET /login/oauth/authorize':
          return authorize('github', url, res);
        case 'POST /login/oauth/access_token':
          return token('github', req, form, res);
        case 'GET /user':
          if (!caller) return json(res, 401, { message: 'Bad credentials' });
          // The public profile email is deliberately not the verified primary one: only /user/emails may be trusted.
          return json(res, 200, {
            id: Number(caller.id),
            login: caller.name.toLowerCase().replace(/\W+/g, '-'),
            name: caller.name,
            email: `public-${caller.email}`,
            avatar_url: null,
          });
        case 'GET /user/emails':
          if (!caller) return json(res, 401, { message: 'Bad credentials' });
          return json(res, 200, [
            { email: `public-${caller.email}`, primary: false, verified: true, visibility: 'public' },
            { email: caller.email, primary: true, verified: caller.emailVerified, visibility: 'private' },
          ]);
        case 'GET /.well-known/openid-configuration':
          return json(res, 200, {
            issuer: origin,
            authorization_endpoint: `${origin}/o/oauth2/v2/auth`,
            token_endpoint: `${origin}/token`,
            userinfo_endpoint: `${origin}/v1/userinfo`,
            jwks_uri: `${origin}/oauth2/v3/certs`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            code_challenge_methods_supported: ['S256'],
            token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          });
        case 'GET /o/oauth2/v2/auth':
          return authorize('google', url, res);
        case 'POST /token':
          return token('google', req, form, res);
        case 'GET /oauth2/v3/certs':
          return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
        case 'GET /v1/userinfo':
          if (!caller) return json(res, 401, { error: 'invalid_token' });
          return json(res, 200, {
            sub: caller.id,
            email: caller.email,
            email_verified: caller.emailVerified,
            name: caller.name,
          });
        case 'POST /__fake/next': {
          // For browser tests: {provider, user} as JSON.
          const { provider, user } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
            provider: Provider;
            user: FakeOAuthUser;
          };
          next[provider] = user;
          return json(res, 204, null);
        }
        default:
          return json(res, 404, { error: 'not_found' });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    clients,
    nextUser: (provider, user) => {
      next[provider] = user;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  if (status === 204) return void res.writeHead(204).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
