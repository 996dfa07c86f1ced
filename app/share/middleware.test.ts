import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { middleware } from '@/middleware';

describe('the middleware in front of a shared link', () => {
  beforeEach(() => vi.stubEnv('NEXTAUTH_SECRET', 'share-middleware-secret-0123456789abcdef'));
  afterEach(() => vi.unstubAllEnvs());

  const visit = (path: string) => middleware(new NextRequest(`http://hearth.test${path}`));

  it('lets a signed-out visitor open /share/<token>, with the page’s CSP', async () => {
    const response = await visit('/share/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde');
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('still sends a signed-out visitor to sign in everywhere else, /share itself included', async () => {
    for (const path of ['/chat/abc', '/share', '/shared/abc', '/settings']) {
      const response = await visit(path);
      expect(response.status, path).toBe(307);
      expect(new URL(response.headers.get('location')!).pathname, path).toBe('/signin');
    }
  });
});
