import { createClient } from 'redis';
import { getConfig } from '@/lib/config';

/**
 * The one Redis connection of this process, when REDIS_URL is set (rate limits and resumable
 * streams share it across server processes). Without REDIS_URL everything that could use Redis
 * has an in-process or database default, so callers get null and take that path.
 */
export type Redis = ReturnType<typeof newClient>;

function newClient(url: string) {
  return createClient({ url });
}

let connecting: Promise<Redis> | undefined;

export function redisConfigured(): boolean {
  return Boolean(getConfig().redisUrl);
}

export function getRedis(): Promise<Redis> | null {
  const url = getConfig().redisUrl;
  if (!url) return null;
  connecting ??= connect(url);
  return connecting;
}

async function connect(url: string): Promise<Redis> {
  const client = newClient(url);
  // Without a listener a lost connection is an unhandled 'error' event that ends the process;
  // the client reconnects by itself and commands fail meanwhile, which callers handle.
  client.on('error', (error: unknown) => console.error('[redis]', error instanceof Error ? error.message : error));
  try {
    await client.connect();
    return client;
  } catch (error) {
    connecting = undefined;
    throw error;
  }
}

/**
 * A second connection for SUBSCRIBE, which takes a connection over; closed by the caller.
 */
export async function newRedisSubscriber(): Promise<Redis | null> {
  const main = getRedis();
  if (!main) return null;
  const subscriber = (await main).duplicate();
  subscriber.on('error', (error: unknown) =>
    console.error('[redis subscriber]', error instanceof Error ? error.message : error),
  );
  await subscriber.connect();
  return subscriber;
}
