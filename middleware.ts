import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { authSecret } from '@/lib/auth/secret';
import { claimsOfToken, sessionIsCurrent } from '@/lib/auth/session-state';
import { TURNSTILE_ORIGIN } from '@/lib/auth/turnstile-script';
import { getConfig } from '@/lib/config';

// Pages anyone may open; everything else needs a session. API routes are not matched at all:
// they answer for themselves with a JSON 401, serve no HTML for a CSP to protect, and the chat
// stream is the hot path where every millisecond before the first token counts.
const PUBLIC_PAGES = [
  '/signin',
  '/signup',
  '/signout',
  '/docs',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
];
// next-auth's session cookie, with its __Secure- prefix on https and its chunks (.0, .1) when long.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A shared conversation's page (/share/<token>) is for anyone with the link.
  if (!PUBLIC_PAGES.includes(pathname) && !pathname.startsWith('/share/')) {
    const token = await getToken({ req: request, secret: authSecret() });
    const claims = claimsOfToken(token);
    // A session that has ended (signed out elsewhere, password or role changed, account disabled)
    // is signed out here: its cookie goes, and the person signs in again.
    const ended = claims !== null && !(await sessionIsCurrent(claims));
    if (!claims || ended) {
      const signIn = new URL('/signin', request.url);
      if (pathname !== '/')
        signIn.searchParams.set('callbackUrl', safeCallbackPath(pathname + search, request.nextUrl.origin));
      const response = NextResponse.redirect(signIn);
      if (ended) {
        for (const { name } of request.cookies.getAll()) {
          // A __Secure- cookie is only replaced by one that is Secure too.
          if (SESSION_COOKIE.test(name))
            response.cookies.set(name, '', {
              path: '/',
              maxAge: 0,
              httpOnly: true,
              sameSite: 'lax',
              secure: name.startsWith('__Secure-'),
            });
        }
      }
      return response;
    }
    // The admin dashboard: only tokens with the admin role get this far; its pages check the
    // database again (a demoted or disabled admin), and so does every /api/admin route.
    if ((pathname === '/admin' || pathname.startsWith('/admin/')) && claims.role !== 'admin') {
      return NextResponse.redirect(new URL('/?denied=admin', request.url));
    }
  }

  // A fresh nonce per request: Next.js puts it on its own scripts when it sees it in the CSP.
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp); // the other security headers: next.config.ts
  return response;
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== 'production';
  // Pictures and voice notes in Supabase Storage load from its signed URLs, and the composer
  // uploads straight to its signed upload URLs.
  const { storage: store, humanCheck } = getConfig();
  const storage = store.kind === 'supabase' ? ` ${new URL(store.url).origin}` : '';
  // Cloudflare Turnstile, only when it is configured: its script (loaded by ours, which
  // 'strict-dynamic' trusts; the host is for browsers without it) and its challenge's frame.
  const turnstile = humanCheck ? ` ${TURNSTILE_ORIGIN}` : '';
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval': the call screen's voice activity detection runs its model in WebAssembly.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}${turnstile}`,
    `frame-src 'self'${turnstile}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${storage}`,
    "font-src 'self'",
    `connect-src 'self'${storage}`,
    // The offline page's service worker (public/sw.js) and the web app manifest (app/manifest.ts).
    "worker-src 'self'",
    "manifest-src 'self'",
    `media-src 'self' blob:${storage}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const config = {
  runtime: 'nodejs',
  matcher: [
    '/((?!api/|_next/static|_next/image|avatars/|vad/|icon.svg|favicon.ico|icons/|apple-touch-icon.png|manifest.webmanifest|sw.js|offline).*)',
  ],
};
