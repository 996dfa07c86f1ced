import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiCaller } from '@/lib/auth/api-user';
import { installProcessDatabase } from '@/lib/testing/use-database';
import { HearthError } from '@/lib/errors';
import { apiRoute, publicApiRoute } from './route';

// Authentication itself is tested with the database (lib/auth) and over HTTP (e2e/api-keys.spec.ts);
// here the caller is whoever the test says, read from a header.
vi.mock('@/lib/auth/api-user', () => ({
  requireApiUser: async (request: Request): Promise<ApiCaller> => {
    const [id, keyHash] = (request.headers.get('x-test-caller') ?? '').split('/');
    if (!id) throw new HearthError('unauthorized', 'Sign in.');
    return { id, role: 'user', isGuest: false, keyHash: keyHash ?? null };
  },
}));

const context = { params: Promise.resolve({}) };
const call = (caller: string, origin = 'https://allowed.example') =>
  new Request('http://hearth.test/api/v1/usage', { headers: { 'x-test-caller': caller, origin } });
const ok = apiRoute(async (request, ctx, caller) => Response.json({ id: caller.id }));

// The limiter counts in the process's database (lib/rate-limit has the tests of its stores).
installProcessDatabase();

let alice: string;
let bob: string;
beforeEach(() => {
  [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
  vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE', '2');
  vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP', '0');
  vi.stubEnv('ALLOWED_ORIGINS', 'https://allowed.example');
});
afterEach(() => vi.unstubAllEnvs());

describe('apiRoute', () => {
  it('hands the handler its caller and reports the budget left', async () => {
    const response = await ok(call(alice), context);
    expect(await response.json()).toEqual({ id: alice });
    expect(response.headers.get('x-ratelimit-limit')).toBe('2');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
  });

  it('answers past the limit with 429, Retry-After and the envelope, without calling the handler', async () => {
    const handler = vi.fn(async () => new Response(null, { status: 204 }));
    const route = apiRoute(handler);
    await route(call(`${alice}/k1`), context);
    await route(call(alice), context);
    const refused = await route(call(`${alice}/k2`), context);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(await refused.json()).toEqual({
      error: {
        type: 'rate_limit_error',
        code: 'requests_per_minute',
        message: 'Too many requests: at most 2 a minute. Try again in 60 seconds.',
      },
    });
    expect((await route(call(`${bob}/k3`), context)).status).toBe(204);
  });

  it('turns errors into the envelope, with CORS headers for an allowed origin only', async () => {
    const unauthenticated = await ok(call(''), context);
    expect(unauthenticated.status).toBe(401);
    expect((await unauthenticated.json()).error.type).toBe('authentication_error');
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const elsewhere = await ok(call('', 'https://evil.example'), context);
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('publicApiRoute', () => {
  it('needs no caller, and counts nothing when the per-address limit is off', async () => {
    const route = publicApiRoute(async () => {
      throw new HearthError('bad_request', 'No.', { param: 'email' });
    });
    const response = await route(call(''), context);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { type: 'invalid_request_error', message: 'No.', param: 'email' } });
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('publicApiRoute with a per-address limit', () => {
  it('counts by the client address the proxy reports, and refuses past it with Retry-After', async () => {
    vi.stubEnv('TRUST_PROXY', 'true');
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP', '1');
    const route = publicApiRoute(async () => Response.json({ ok: true }));
    const from = (address: string) =>
      new Request('http://hearth.test/api/v1/models', { headers: { 'x-forwarded-for': address } });
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const first = await route(from(address), context);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await route(from(address), context);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await refused.json()).error).toMatchObject({
      code: 'requests_per_minute',
      message: expect.stringContaining('from your network'),
    });
  });
});
