import { createHmac } from 'node:crypto';
import { getConfig, type Config } from '@/lib/config';
import type { IceServer } from './transport';

/** TURN credentials last as long as a call may (calls expire an hour after they are made). */
export const TURN_CREDENTIAL_SECONDS = 60 * 60;

export type IceConfiguration = { iceServers: IceServer[]; expiresAt: Date };

/**
 * The STUN and TURN servers a caller and this server may use for one person's call. TURN
 * credentials follow coturn's REST API (`use-auth-secret`): the user name is the expiry (Unix
 * seconds) and an id, the password the base64 HMAC-SHA1 of that name with the shared secret, so
 * coturn checks them without asking Hearth and they stop working when they expire.
 */
export function iceConfiguration(
  userId: string,
  ice: Config['ice'] = getConfig().ice,
  now: number = Date.now(),
): IceConfiguration {
  const expiresAt = new Date(now + TURN_CREDENTIAL_SECONDS * 1000);
  const iceServers: IceServer[] = ice.stunUrls.length > 0 ? [{ urls: ice.stunUrls }] : [];
  if (ice.turn) {
    const username = `${Math.floor(expiresAt.getTime() / 1000)}:${userId}`;
    const credential = createHmac('sha1', ice.turn.secret).update(username).digest('base64');
    iceServers.push({ urls: ice.turn.urls, username, credential });
  }
  return { iceServers, expiresAt };
}
