import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitPerMinute } from './rate-limit';

function limiterAt(limit: number) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new RateLimiter(limit, () => clock.now) };
}

describe('RateLimiter', () => {
  it('allows `limit` requests in a minute, counting down, then refuses until the window ends', () => {
    const { clock, limiter } = limiterAt(3);
    expect([1, 2, 3].map(() => limiter.take(['user:a']))).toEqual([
      { allowed: true, limit: 3, remaining: 2 },
      { allowed: true, limit: 3, remaining: 1 },
      { allowed: true, limit: 3, remaining: 0 },
    ]);
    clock.now += 20_500;
    expect(limiter.take(['user:a'])).toEqual({ allowed: false, limit: 3, retryAfterSeconds: 40 });
    clock.now += 39_499;
    expect(limiter.take(['user:a'])).toEqual({ allowed: false, limit: 3, retryAfterSeconds: 1 });
    clock.now += 1;
    expect(limiter.take(['user:a'])).toEqual({ allowed: true, limit: 3, remaining: 2 });
  });

  it('does not count refused requests', () => {
    const { clock, limiter } = limiterAt(1);
    limiter.take(['user:a']);
    for (let i = 0; i < 5; i++) limiter.take(['user:a']);
    clock.now += 60_000;
    expect(limiter.take(['user:a'])).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps users apart, and counts a key and its user together', () => {
    const { limiter } = limiterAt(2);
    limiter.take(['key:k1', 'user:a']);
    limiter.take(['key:k1', 'user:a']);
    expect(limiter.take(['user:b'])).toMatchObject({ allowed: true, remaining: 1 });
    // The user's budget is spent through k1: their session and their other keys wait too.
    expect(limiter.take(['user:a'])).toMatchObject({ allowed: false });
    expect(limiter.take(['key:k2', 'user:a'])).toMatchObject({ allowed: false });
  });

  it('refuses when any bucket is full, without spending the others', () => {
    const { limiter } = limiterAt(1);
    limiter.take(['full']);
    expect(limiter.take(['full', 'spare'])).toMatchObject({ allowed: false });
    expect(limiter.take(['spare'])).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('forgets ended windows, so memory holds only recent callers', () => {
    const { clock, limiter } = limiterAt(5);
    for (let i = 0; i < 1000; i++) limiter.take([`user:${i}`]);
    expect(limiter.size).toBe(1000);
    clock.now += 60_000;
    limiter.take(['user:new']);
    expect(limiter.size).toBe(1);
  });
});

describe('rateLimitPerMinute', () => {
  it('reads a positive whole number and falls back to 60', () => {
    expect(rateLimitPerMinute('200')).toBe(200);
    expect(rateLimitPerMinute(undefined)).toBe(60);
    expect(rateLimitPerMinute('')).toBe(60);
    expect(rateLimitPerMinute('0')).toBe(60);
    expect(rateLimitPerMinute('1.5')).toBe(60);
    expect(rateLimitPerMinute('lots')).toBe(60);
  });
});
