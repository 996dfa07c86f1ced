import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTurnstile, type FakeTurnstile } from '@/lib/testing/fake-turnstile';
import { UNIDENTIFIED } from '@/lib/rate-limit/client-address';
import { humanCheckSiteKey, verifyHumanCheck } from './human-check';

describe('the human check on sign-up (Turnstile)', () => {
  let turnstile: FakeTurnstile;
  beforeAll(async () => {
    turnstile = await startFakeTurnstile();
  });
  beforeEach(() => {
    vi.stubEnv('TURNSTILE_SITE_KEY', 'site-key-for-tests');
    vi.stubEnv('TURNSTILE_SECRET_KEY', turnstile.secret);
    vi.stubEnv('TURNSTILE_VERIFY_URL', turnstile.verifyUrl);
    turnstile.requests.length = 0;
    turnstile.setDown(false);
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => turnstile?.close());

  const at = { address: '203.0.113.9', action: 'signup' as const };

  it('asks siteverify with the secret, the token and the address, and lets a passed check through once', async () => {
    const token = turnstile.issue('signup');
    await verifyHumanCheck(token, at);
    expect(turnstile.requests).toEqual([{ secret: turnstile.secret, response: token, remoteip: '203.0.113.9' }]);
    // Single use: the same token again is refused.
    await expect(verifyHumanCheck(token, at)).rejects.toMatchObject({ status: 400, param: 'humanCheck' });
  });

  it('refuses no token, a made-up one and one made for the other form, with a 400 that says to try again', async () => {
    await expect(verifyHumanCheck(undefined, at)).rejects.toMatchObject({
      status: 400,
      message: 'Complete the check that you are a person, then try again.',
    });
    await expect(verifyHumanCheck('x'.repeat(3000), at)).rejects.toMatchObject({ status: 400 });
    expect(turnstile.requests).toEqual([]);
    await expect(verifyHumanCheck('0.made-up', at)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('did not pass'),
    });
    await expect(verifyHumanCheck(turnstile.issue('guest'), at)).rejects.toMatchObject({ status: 400 });
  });

  it('fails closed with a 503 when siteverify is down, and sends no address it does not know', async () => {
    turnstile.setDown(true);
    await expect(verifyHumanCheck(turnstile.issue('signup'), at)).rejects.toMatchObject({ status: 503 });
    turnstile.setDown(false);
    await verifyHumanCheck(turnstile.issue('guest'), { address: UNIDENTIFIED, action: 'guest' });
    expect(turnstile.requests.at(-1)).not.toHaveProperty('remoteip');
  });

  it('is off, asking nothing, unless both keys are set', async () => {
    expect(humanCheckSiteKey()).toBe('site-key-for-tests');
    vi.stubEnv('TURNSTILE_SECRET_KEY', '');
    expect(humanCheckSiteKey()).toBeNull();
    await verifyHumanCheck(undefined, at);
    expect(turnstile.requests).toEqual([]);
  });
});
