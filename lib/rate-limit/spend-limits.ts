import { perTier, whole, type Env, type Tier } from './limits';

/**
 * What one account may spend, from the environment, beside the rate limits (limits.ts):
 * - BUDGET_TOKENS_PER_DAY: tokens (prompt and reply, memory work included) per UTC day. Each role's
 *   own variable (…_GUEST, …_USER, …_ADMIN) when set, else from the base: guests half, users all,
 *   admins ten times.
 * - MAX_CONCURRENT_REPLIES: replies generating at once. Each role's own variable when set, else the
 *   base variable when set, else 1 for guests, 3 for users, 10 for admins.
 * 0 switches a cap off; values that are not whole numbers fall back to the default.
 */
export type SpendConfig = {
  tokensPerDay: Record<Tier, number>;
  concurrentReplies: Record<Tier, number>;
};

export const DEFAULT_SPEND = {
  tokensPerDay: 1_000_000,
  concurrentReplies: { guest: 1, user: 3, admin: 10 },
} as const;

export function spendConfig(env: Env = process.env): SpendConfig {
  const streamsBase = whole(env.MAX_CONCURRENT_REPLIES);
  const streams = (tier: Tier, suffix: string) =>
    whole(env[`MAX_CONCURRENT_REPLIES_${suffix}`]) ?? streamsBase ?? DEFAULT_SPEND.concurrentReplies[tier];
  return {
    tokensPerDay: perTier(env, 'BUDGET_TOKENS_PER_DAY', whole(env.BUDGET_TOKENS_PER_DAY) ?? DEFAULT_SPEND.tokensPerDay),
    concurrentReplies: {
      guest: streams('guest', 'GUEST'),
      user: streams('user', 'USER'),
      admin: streams('admin', 'ADMIN'),
    },
  };
}
