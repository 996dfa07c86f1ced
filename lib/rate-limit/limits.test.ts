import { describe, expect, it } from 'vitest';
import { clientAddress, trustsProxy, UNIDENTIFIED } from './client-address';
import { rateLimitConfig, tierOf } from './limits';

describe('rateLimitConfig', () => {
  it('has defaults: guests half, admins ten times the base, generous per-address limits', () => {
    expect(rateLimitConfig({})).toEqual({
      requestsPerMinute: { guest: 30, user: 60, admin: 600, perAddress: 300 },
      messagesPerHour: { guest: 50, user: 100, admin: 1000, perAddress: 300 },
      signUpsPerHour: 20,
    });
  });

  it('derives every role from the base, and takes each role’s own variable over it', () => {
    const config = rateLimitConfig({
      RATE_LIMIT_REQUESTS_PER_MINUTE: '11',
      RATE_LIMIT_MESSAGES_PER_HOUR: '40',
      RATE_LIMIT_MESSAGES_PER_HOUR_GUEST: '5',
      RATE_LIMIT_MESSAGES_PER_HOUR_ADMIN: '0',
      RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '70',
      RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '3',
    });
    expect(config.requestsPerMinute).toEqual({ guest: 6, user: 11, admin: 110, perAddress: 300 });
    expect(config.messagesPerHour).toEqual({ guest: 5, user: 40, admin: 0, perAddress: 70 });
    expect(config.signUpsPerHour).toBe(3);
  });

  it('still reads API_RATE_LIMIT_PER_MINUTE as the base, below the new name', () => {
    expect(rateLimitConfig({ API_RATE_LIMIT_PER_MINUTE: '200' }).requestsPerMinute.user).toBe(200);
    expect(
      rateLimitConfig({ API_RATE_LIMIT_PER_MINUTE: '200', RATE_LIMIT_REQUESTS_PER_MINUTE: '10' }).requestsPerMinute
        .user,
    ).toBe(10);
  });

  it('falls back to the default for anything but a whole number, and caps huge ones', () => {
    for (const bad of ['', ' ', '-1', '1.5', 'lots', '1e400']) {
      expect(rateLimitConfig({ RATE_LIMIT_MESSAGES_PER_HOUR: bad }).messagesPerHour.user).toBe(100);
    }
    expect(rateLimitConfig({ RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '99999999999' }).signUpsPerHour).toBe(2_000_000_000);
  });

  it('places callers in tiers', () => {
    expect(tierOf({ role: 'admin', isGuest: false })).toBe('admin');
    expect(tierOf({ role: 'user', isGuest: true })).toBe('guest');
    expect(tierOf({ role: 'user' })).toBe('user');
  });
});

describe('clientAddress', () => {
  const from = (forwarded: string | null, env: Record<string, string> = { TRUST_PROXY: 'true' }) =>
    clientAddress(new Headers(forwarded === null ? {} : { 'x-forwarded-for': forwarded }), env);

  it('trusts X-Forwarded-For only behind a proxy that says so, or on Vercel', () => {
    expect(trustsProxy({})).toBe(false);
    expect(trustsProxy({ TRUST_PROXY: 'false' })).toBe(false);
    expect(trustsProxy({ TRUST_PROXY: '1' })).toBe(true);
    expect(trustsProxy({ VERCEL: '1' })).toBe(true);
    expect(trustsProxy({ VERCEL: '1', TRUST_PROXY: 'false' })).toBe(false);
    expect(from('203.0.113.9', {})).toBe(UNIDENTIFIED);
    expect(from('203.0.113.9', { VERCEL: '1' })).toBe('203.0.113.9');
  });

  it('on Vercel, believes X-Real-IP first, which its edge sets', () => {
    const headers = new Headers({ 'x-real-ip': '198.51.100.20', 'x-forwarded-for': '203.0.113.9' });
    expect(clientAddress(headers, { VERCEL: '1' })).toBe('198.51.100.20');
    expect(clientAddress(headers, { TRUST_PROXY: 'true' })).toBe('203.0.113.9');
  });

  it('reads the entry the trusted proxies added, never one the client wrote to its left', () => {
    expect(from('6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(from('6.6.6.6, 203.0.113.9, 10.0.0.1', { TRUST_PROXY: '2' })).toBe('203.0.113.9');
    expect(from('203.0.113.9', { TRUST_PROXY: '2' })).toBe(UNIDENTIFIED);
  });

  it('reads the address without its port', () => {
    expect(from(' 203.0.113.9:4711 ')).toBe('203.0.113.9');
    expect(from('[2001:db8::1]:4711')).toBe('2001:db8:0:0::/64');
  });

  it('counts IPv6 by its /64, and IPv4-mapped addresses as IPv4', () => {
    expect(from('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(from('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(from('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(from('::1')).toBe('0:0:0:0::/64');
  });

  it('treats a missing or malformed header as unidentified', () => {
    expect(from(null)).toBe(UNIDENTIFIED);
    expect(from('')).toBe(UNIDENTIFIED);
    expect(from('not an address')).toBe(UNIDENTIFIED);
    expect(from('unidentified')).toBe(UNIDENTIFIED);
  });
});
