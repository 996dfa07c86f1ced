import { describe, expect, it } from 'vitest';
import { publicOrigin } from './json';

const request = (headers: Record<string, string>) => new Request('http://localhost:3000/api/v1/uploads', { headers });

describe('the origin upload URLs are made for', () => {
  it('is the host the client reached, not the one Next.js names in request.url', () => {
    expect(publicOrigin(request({ host: '127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
    expect(
      publicOrigin(
        request({
          host: '127.0.0.1:3000',
          'x-forwarded-host': 'hearth.example, proxy.internal',
          'x-forwarded-proto': 'https',
        }),
      ),
    ).toBe('https://hearth.example');
  });

  it('falls back to request.url for a host or protocol that is not one', () => {
    expect(publicOrigin(request({ host: 'evil.example/path?x=' }))).toBe('http://localhost:3000');
    expect(publicOrigin(request({ host: 'hearth.example', 'x-forwarded-proto': 'javascript' }))).toBe(
      'http://localhost:3000',
    );
  });
});
