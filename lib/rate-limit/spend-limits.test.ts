import { describe, expect, it } from 'vitest';
import { slotTtlMs } from './slot-ttl';
import { spendConfig } from './spend-limits';

describe('spending caps from the environment', () => {
  it('defaults to a million tokens a day (guests half, admins ten times) and 1 / 3 / 10 replies at once', () => {
    expect(spendConfig({})).toEqual({
      tokensPerDay: { guest: 500_000, user: 1_000_000, admin: 10_000_000 },
      concurrentReplies: { guest: 1, user: 3, admin: 10 },
    });
  });

  it('derives the roles from the base budget, each overridable; 0 switches a cap off; nonsense falls back', () => {
    expect(spendConfig({ BUDGET_TOKENS_PER_DAY: '2000', BUDGET_TOKENS_PER_DAY_ADMIN: '0' }).tokensPerDay).toEqual({
      guest: 1000,
      user: 2000,
      admin: 0,
    });
    expect(spendConfig({ BUDGET_TOKENS_PER_DAY: 'lots', BUDGET_TOKENS_PER_DAY_GUEST: '1.5' }).tokensPerDay).toEqual({
      guest: 500_000,
      user: 1_000_000,
      admin: 10_000_000,
    });
    expect(spendConfig({ MAX_CONCURRENT_REPLIES: '5', MAX_CONCURRENT_REPLIES_GUEST: '2' }).concurrentReplies).toEqual({
      guest: 2,
      user: 5,
      admin: 5,
    });
    expect(spendConfig({ MAX_CONCURRENT_REPLIES_USER: '0' }).concurrentReplies).toEqual({
      guest: 1,
      user: 0,
      admin: 10,
    });
  });

  it('holds a stream slot for the longest a reply may take and a minute', () => {
    expect(slotTtlMs({})).toBe(330_000);
    expect(slotTtlMs({ MODEL_TOTAL_TIMEOUT_MS: '60000' })).toBe(120_000);
  });
});
