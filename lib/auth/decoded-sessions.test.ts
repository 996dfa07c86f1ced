import { encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodedOnce, type Decoded } from './decoded-sessions';
import { sessionClaimsFromRequest } from './session';

const claims = (id: string) => ({ id, role: 'user' as const, isGuest: false, sessionId: null, version: 1 });

describe('session cookies decoded once', () => {
  it('decodes a cookie once while its token lasts, and again once it has expired', async () => {
    const cookie = `next-auth.session-token=${crypto.randomUUID()}`;
    const decode = vi.fn(async (): Promise<Decoded> => ({ claims: claims('a'), expiresAt: 2_000 }));
    expect(await decodedOnce(cookie, decode, 1_000)).toEqual(claims('a'));
    expect(await decodedOnce(cookie, decode, 1_999)).toEqual(claims('a'));
    expect(decode).toHaveBeenCalledTimes(1);
    await decodedOnce(cookie, decode, 2_000);
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it('keeps nothing of a cookie that does not decode', async () => {
    const cookie = `next-auth.session-token=${crypto.randomUUID()}`;
    const decode = vi.fn(async () => null);
    expect(await decodedOnce(cookie, decode)).toBeNull();
    expect(await decodedOnce(cookie, decode)).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it('holds at most a thousand cookies, letting the oldest go first', async () => {
    const cookies = Array.from({ length: 1_001 }, () => crypto.randomUUID());
    const decode = vi.fn(async (): Promise<Decoded> => ({ claims: claims('a'), expiresAt: Date.now() + 60_000 }));
    for (const cookie of cookies) await decodedOnce(cookie, decode);
    decode.mockClear();
    await decodedOnce(cookies.at(-1)!, decode);
    expect(decode).not.toHaveBeenCalled();
    await decodedOnce(cookies[0]!, decode);
    expect(decode).toHaveBeenCalledTimes(1);
  });
});

describe('the session claims of a request', () => {
  const secret = 'decoded-sessions-test-secret-0123456789';
  beforeEach(() => vi.stubEnv('NEXTAUTH_SECRET', secret));
  afterEach(() => vi.unstubAllEnvs());
  const request = (cookie: string) => new Request('http://hearth.test/api/chat', { headers: { cookie } });

  it('reads the same claims from a cookie seen before, and none from a different or altered one', async () => {
    const token = await encode({ token: { sub: crypto.randomUUID(), role: 'user', sessionVersion: 2 }, secret });
    const first = await sessionClaimsFromRequest(request(`next-auth.session-token=${token}`));
    expect(first).toMatchObject({ role: 'user', version: 2 });
    expect(await sessionClaimsFromRequest(request(`next-auth.session-token=${token}`))).toEqual(first);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await sessionClaimsFromRequest(request(`next-auth.session-token=${altered}`))).toBeNull();
    // A chunk beside the token is part of what getToken reads: not the cookie seen before.
    expect(
      await sessionClaimsFromRequest(request(`next-auth.session-token=${token}; next-auth.session-token.0=x`)),
    ).toBeNull();
    expect(await sessionClaimsFromRequest(request('theme=dark'))).toBeNull();
  });
});
