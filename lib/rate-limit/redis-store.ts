import type { Redis } from '@/lib/redis';
import type { BucketTake, RateLimitStore, Taken } from './store';

/**
 * The same windows as the PostgreSQL store, in one Lua script so a take is atomic across servers:
 * a hash per bucket with its count and window end. The clock is the caller's (ARGV), so every
 * server and the tests agree on when a window ends; Redis's own expiry only clears idle buckets.
 * KEYS: the buckets. ARGV: now, then each bucket's limit, then each bucket's window in ms.
 */
const TAKE = `
local n = #KEYS
local now = tonumber(ARGV[1])
local counts, resets, full = {}, {}, false
for i = 1, n do
  local limit, window = tonumber(ARGV[1 + i]), tonumber(ARGV[1 + n + i])
  local state = redis.call('HMGET', KEYS[i], 'count', 'resets_at')
  local count, resets_at = tonumber(state[1]), tonumber(state[2])
  if count == nil or resets_at == nil or resets_at <= now then
    count, resets_at = 0, now + window
  end
  counts[i], resets[i] = count + 1, resets_at
  if count + 1 > limit then full = true end
end
local answer = {full and 0 or 1}
for i = 1, n do
  if not full then
    redis.call('HSET', KEYS[i], 'count', counts[i], 'resets_at', string.format('%d', resets[i]))
    redis.call('PEXPIRE', KEYS[i], resets[i] - now + 1000)
  end
  answer[1 + i] = counts[i]
  answer[1 + n + i] = string.format('%d', resets[i])
end
return answer
`;

export class RedisRateLimitStore implements RateLimitStore {
  readonly name = 'redis';
  private sha: string | undefined;

  /** The prefix keeps Hearth's keys apart; its {hash tag} puts a take's keys in one Redis Cluster slot. */
  constructor(
    private readonly redis: () => Promise<Redis>,
    private readonly prefix = '{hearth-rl}:',
  ) {}

  async take(takes: readonly BucketTake[], now: number): Promise<Taken> {
    const client = await this.redis();
    const keys = takes.map((t) => this.prefix + t.bucket);
    const args = [String(now), ...takes.map((t) => String(t.limit)), ...takes.map((t) => String(t.windowMs))];
    const reply = (await this.run(client, keys, args)) as (number | string)[];
    const n = takes.length;
    return {
      allowed: Number(reply[0]) === 1,
      counts: reply.slice(1, 1 + n).map(Number),
      resetsAt: reply.slice(1 + n, 1 + 2 * n).map(Number),
    };
  }

  /** EVALSHA, loading the script on first use and again after Redis forgot it (a restart, SCRIPT FLUSH). */
  private async run(client: Redis, keys: string[], args: string[]): Promise<unknown> {
    this.sha ??= await client.scriptLoad(TAKE);
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      this.sha = await client.scriptLoad(TAKE);
      return client.evalSha(this.sha, { keys, arguments: args });
    }
  }
}
