import { isIP } from 'node:net';
import { getConfig } from '@/lib/config';

type Env = Record<string, string | undefined>;

/** The bucket every client shares when no proxy in front can be trusted to say who is calling. */
export const UNIDENTIFIED = 'unidentified';

/**
 * Who is calling, for the per-address limits and the sign-in throttle. Next.js route handlers never
 * see the socket, and `next start` fills X-Forwarded-For from the socket only when the request has
 * none, so without a proxy in front the header is whatever the client sent. It is therefore read
 * only when TRUST_PROXY says how many proxies stand in front, or on Vercel (whose edge overwrites
 * it and sets X-Real-IP). Each proxy appends the address it saw, so the client is the entry that
 * many from the right; entries further left are the client's own words. Otherwise every client
 * counts as one, UNIDENTIFIED: per-address limits then hold for the whole server, which a forged
 * header cannot get around. IPv6 addresses count by their /64, which one machine can usually
 * rotate through at will.
 */
export function clientAddress(headers: Headers, env: Env = process.env): string {
  const proxies = getConfig(env).trustedProxies;
  if (proxies === 0) return UNIDENTIFIED;
  if (getConfig(env).platform.vercel) {
    const real = normalize(headers.get('x-real-ip')?.trim() ?? '');
    if (real) return real;
  }
  const entries = (headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  return normalize(entries.at(-proxies) ?? '') ?? UNIDENTIFIED;
}

export function trustsProxy(env: Env = process.env): boolean {
  return getConfig(env).trustedProxies > 0;
}

/** The client address to show a person (their sessions' list), or null when it is not known. */
export function knownAddress(address: string): string | null {
  return address === UNIDENTIFIED ? null : address;
}

function normalize(address: string): string | null {
  const bare = address.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return null;
  const groups = expandIpv6(bare.toLowerCase());
  // An IPv4 address written as IPv6 (::ffff:203.0.113.9) is that IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with :: and a dotted IPv4 tail expanded). */
function expandIpv6(address: string): number[] {
  const withoutZone = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(withoutZone);
  let text = withoutZone;
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = withoutZone.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
