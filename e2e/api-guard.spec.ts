import { expect, test, type Browser } from '@playwright/test';
import { verifiedUserWithKey } from './helpers';

// playwright.config.ts starts the server with ALLOWED_ORIGINS=https://allowed.example and
// 200 requests a minute per user (guests included), no per-address limit.
const ALLOWED = 'https://allowed.example';

// Keys need a confirmed address (a guest's or an unconfirmed account's request is a 403).
const guestWithKey = (browser: Browser) => verifiedUserWithKey(browser, 'guard spec');

test('a caller gets X-RateLimit headers, and the request past the limit a 429 with Retry-After, for key and session alike', async ({
  browser,
  request,
}) => {
  const { page, auth } = await guestWithKey(browser);
  const first = await request.get('/api/v1/api-keys', { headers: auth });
  expect(first.status()).toBe(200);
  const limit = Number(first.headers()['x-ratelimit-limit']);
  expect(limit).toBe(200);
  // Making the key (with the session) was the user's first request, this the second.
  const remaining = Number(first.headers()['x-ratelimit-remaining']);
  expect(remaining).toBe(limit - 2);

  for (let sent = 0; sent < remaining; sent += 25) {
    const batch = Array.from({ length: Math.min(25, remaining - sent) }, () =>
      request.get('/api/v1/api-keys', { headers: auth }),
    );
    expect((await Promise.all(batch)).map((res) => res.status())).toEqual(batch.map(() => 200));
  }

  const refused = await request.get('/api/v1/api-keys', { headers: auth });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.headers()['x-ratelimit-remaining']).toBe('0');
  expect(await refused.json()).toEqual({
    error: {
      type: 'rate_limit_error',
      code: 'requests_per_minute',
      message: expect.stringContaining(`at most ${limit} a minute`),
    },
  });

  // The limit is the user's: their browser session waits too, while someone else is not affected.
  expect((await page.request.get('/api/v1/api-keys')).status()).toBe(429);
  const other = await guestWithKey(browser);
  expect((await request.get('/api/v1/api-keys', { headers: other.auth })).status()).toBe(200);
});

test('CORS: a preflight from an allowed origin is granted, any other origin gets no CORS headers', async ({
  request,
}) => {
  const preflight = (origin: string) =>
    request.fetch('/api/v1/conversations', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  const granted = await preflight(ALLOWED);
  expect(granted.status()).toBe(204);
  expect(granted.headers()).toMatchObject({
    'access-control-allow-origin': ALLOWED,
    'access-control-allow-methods': expect.stringContaining('POST'),
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-max-age': '600',
    vary: expect.stringContaining('Origin'),
  });

  const refused = await preflight('https://evil.example');
  expect(refused.status()).toBe(204);
  expect(Object.keys(refused.headers()).filter((name) => name.startsWith('access-control-'))).toEqual([]);

  const fromAllowed = await request.get('/api/v1/models', { headers: { origin: ALLOWED } });
  expect(fromAllowed.headers()['access-control-allow-origin']).toBe(ALLOWED);
  expect(fromAllowed.headers()['vary']).toContain('Origin');
  const unauthenticated = await request.get('/api/v1/companions', { headers: { origin: ALLOWED } });
  expect(unauthenticated.status()).toBe(401);
  expect(unauthenticated.headers()['access-control-allow-origin']).toBe(ALLOWED);
  const fromElsewhere = await request.get('/api/v1/models', { headers: { origin: 'https://evil.example' } });
  expect(fromElsewhere.status()).toBe(200);
  expect(fromElsewhere.headers()['access-control-allow-origin']).toBeUndefined();
});

test('a body over 1 MB is a 413 on every route that reads one, and nothing is written', async ({
  browser,
  request,
}) => {
  const { auth } = await guestWithKey(browser);
  const twoMegabytes = 'x'.repeat(2_000_000);
  const email = `big-${Date.now()}@example.com`;

  const started = await request.post('/api/v1/conversations', {
    headers: auth,
    data: { companion: 'lucia', title: twoMegabytes },
  });
  expect(started.status()).toBe(413);
  expect((await started.json()).error).toMatchObject({
    type: 'payload_too_large',
    message: expect.stringContaining('1,000,000 bytes'),
  });
  expect((await (await request.get('/api/v1/conversations', { headers: auth })).json()).data).toEqual([]);

  const signUp = await request.post('/api/v1/users', {
    data: { email, password: 'correct horse battery', name: twoMegabytes },
  });
  expect(signUp.status()).toBe(413);
  const again = await request.post('/api/v1/users', { data: { email, password: 'correct horse battery' } });
  expect(again.status()).toBe(202);

  const conversation = await (
    await request.post('/api/v1/conversations', { headers: auth, data: { companion: 'lucia', title: 'Small' } })
  ).json();
  const renamed = await request.patch(`/api/v1/conversations/${conversation.id}`, {
    headers: auth,
    data: { title: twoMegabytes },
  });
  expect(renamed.status()).toBe(413);
  expect((await (await request.get(`/api/v1/conversations/${conversation.id}`, { headers: auth })).json()).title).toBe(
    'Small',
  );
});

test('in a browser, a page on an allowed origin reads the API with a key, and one elsewhere is blocked', async ({
  browser,
  baseURL,
}) => {
  const { auth } = await guestWithKey(browser);
  // Chromium asks before a public page reaches a loopback server; this test server is one.
  const page = await (await browser.newContext({ permissions: ['local-network-access'] })).newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => consoleErrors.push(message.text()));
  await page.route(/^https:\/\/(allowed|evil)\.example\//, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }),
  );
  const callFrom = async (origin: string) => {
    await page.goto(`${origin}/`);
    return page.evaluate(
      async ({ url, authorization }) => {
        try {
          const res = await fetch(url, { headers: { authorization } });
          return {
            status: res.status,
            rateLimitVisible: res.headers.has('x-ratelimit-remaining'),
            companions: (await res.json()).data.length,
          };
        } catch (error) {
          return { blocked: String(error) };
        }
      },
      { url: `${baseURL}/api/v1/companions`, authorization: auth.authorization },
    );
  };
  expect(await callFrom(ALLOWED)).toEqual({ status: 200, rateLimitVisible: true, companions: expect.any(Number) });
  expect(await callFrom('https://evil.example')).toEqual({ blocked: expect.stringContaining('Failed to fetch') });
  expect(consoleErrors).toContainEqual(
    expect.stringMatching(
      /from origin 'https:\/\/evil\.example' has been blocked by CORS policy.*No 'Access-Control-Allow-Origin' header/,
    ),
  );
});
