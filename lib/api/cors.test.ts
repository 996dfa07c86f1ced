import { afterEach, describe, expect, it, vi } from 'vitest';
import { addCorsHeaders, allowedOrigins, corsOrigin, preflightResponse } from './cors';

describe('allowedOrigins', () => {
  it('reads a comma-separated list as origins and skips what is not a URL', () => {
    expect(allowedOrigins(' https://app.example.com/ ,http://localhost:5173,not a url,')).toEqual(
      new Set(['https://app.example.com', 'http://localhost:5173']),
    );
  });

  it('is empty by default: same-origin only', () => {
    expect(allowedOrigins('')).toEqual(new Set());
  });
});

describe('corsOrigin', () => {
  const allowed = allowedOrigins('https://app.example.com');

  it('echoes an allowed origin exactly', () => {
    expect(corsOrigin('https://app.example.com', allowed)).toBe('https://app.example.com');
  });

  it('refuses other origins, look-alikes, null and a missing Origin', () => {
    expect(corsOrigin('https://evil.example', allowed)).toBeNull();
    expect(corsOrigin('https://app.example.com.evil.example', allowed)).toBeNull();
    expect(corsOrigin('http://app.example.com', allowed)).toBeNull();
    expect(corsOrigin('null', allowed)).toBeNull();
    expect(corsOrigin(null, allowed)).toBeNull();
    expect(corsOrigin('https://app.example.com', allowedOrigins(''))).toBeNull();
  });
});

describe('CORS headers', () => {
  afterEach(() => vi.unstubAllEnvs());
  const from = (origin: string) =>
    new Request('http://hearth.test/api/v1/models', { method: 'OPTIONS', headers: { origin } });

  it('grants a preflight from an allowed origin', () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'https://app.example.com');
    const response = preflightResponse(from('https://app.example.com'));
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('adds nothing for an origin not on the list', () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'https://app.example.com');
    const response = preflightResponse(from('https://evil.example'));
    expect(response.status).toBe(204);
    expect(
      [...response.headers.keys()].filter((name) => name.startsWith('access-control-') || name === 'vary'),
    ).toEqual([]);
    const headers = new Headers();
    addCorsHeaders(from('https://evil.example'), headers);
    expect([...headers.keys()]).toEqual([]);
  });
});
