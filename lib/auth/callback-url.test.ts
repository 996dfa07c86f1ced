import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestOrigin, safeCallbackPath, safeCallbackUrl } from './callback-url';

const ORIGIN = 'https://hearth.example';
const ELSEWHERE = 'http://other.test:8080';

/**
 * Pieces of the URLs people use to escape a site: slashes and backslashes, every C0 control
 * character and DEL, spaces, percent-encodings (of those too, and double), schemes, hosts, user
 * info, dot segments, lookalike Unicode slashes and dots, and ordinary path text.
 */
const PIECES = [
  '/',
  '//',
  '\\',
  '\\\\',
  '/\\',
  '\\/',
  '.',
  '..',
  './',
  '../',
  '?',
  '#',
  '@',
  ':',
  ';',
  '&',
  '=',
  ' ',
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\x7f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%09',
  '%0a',
  '%0d',
  '%00',
  '%20',
  '%252f',
  '%255c',
  '%2e',
  '%2e%2e',
  '%40',
  '%3a',
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'data:',
  'vbscript:',
  'http:',
  'https:',
  'HTTPS:',
  'file:',
  'mailto:',
  'blob:',
  'ftp:',
  'evil.example',
  'evil.example:443',
  'user:pass@',
  'hearth.example',
  'hearth.example.evil.example',
  'localhost',
  '127.0.0.1',
  '[::1]',
  '\uff0f',
  '\u2215',
  '\u2044',
  '\uff3c',
  '\u3002',
  '\uff0e',
  'alert(1)',
  'chat',
  'settings',
  'x',
  '1',
];
const crafted = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));
const anything = fc.oneof(crafted, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

/** The oracle is the WHATWG URL parser, the one browsers use to follow a link. */
function leadsOffSite(path: string): boolean {
  return new URL(path, ORIGIN).origin !== ORIGIN || new URL(path, ELSEWHERE).origin !== new URL(ELSEWHERE).origin;
}

describe('safeCallbackPath', () => {
  it('gives back only paths that stay on the site, whatever base they are resolved against', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const path = safeCallbackPath(value, ORIGIN);
        expect(path.startsWith('/')).toBe(true);
        expect(/^\/[/\\]/.test(path)).toBe(false);
        expect(leadsOffSite(path)).toBe(false);
        // Stable: handing it on (to next-auth, to the client router) and checking again changes nothing.
        expect(safeCallbackPath(path, ORIGIN)).toBe(path);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps where the link pointed when that was on the site', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const path = safeCallbackPath(value, ORIGIN);
        if (path === '/') return;
        const target = new URL(value, ORIGIN);
        expect(target.origin).toBe(ORIGIN);
        expect(new URL(path, ORIGIN).pathname.replace(/^\/+/, '/')).toBe(target.pathname.replace(/^\/+/, '/'));
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves ordinary paths exactly as they are', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/);
    const path = fc
      .tuple(fc.array(segment, { minLength: 0, maxLength: 5 }), fc.option(segment), fc.option(segment))
      .map(
        ([segments, query, fragment]) =>
          `/${segments.join('/')}${query ? `?q=${query}` : ''}${fragment ? `#${fragment}` : ''}`,
      );
    fc.assert(
      fc.property(path, (value) => {
        expect(safeCallbackPath(value, ORIGIN)).toBe(value);
      }),
    );
  });

  it('refuses the shapes the old check let through', () => {
    // The old check: starts with "/" and not with "//".
    const oldCheck = (url: string) => url.startsWith('/') && !url.startsWith('//');
    for (const attack of [
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\\/evil.example',
      '/\r\\evil.example',
    ]) {
      expect(oldCheck(attack)).toBe(true);
      expect(new URL(attack, ORIGIN).origin).not.toBe(ORIGIN);
      expect(safeCallbackPath(attack, ORIGIN)).toBe('/');
    }
    expect(safeCallbackPath('javascript:alert(1)', ORIGIN)).toBe('/');
    expect(safeCallbackPath(' //evil.example', ORIGIN)).toBe('/');
    // Same scheme, no slashes: a browser reads it as a relative path on this site.
    expect(safeCallbackPath('https:evil.example', ORIGIN)).toBe('/evil.example');
    expect(safeCallbackPath('http:evil.example', ORIGIN)).toBe('/');
    expect(safeCallbackPath('https://user:pw@hearth.example/x', ORIGIN)).toBe('/');
    expect(safeCallbackPath(undefined, ORIGIN)).toBe('/');
  });

  it('accepts this site written in full, and makes a path that turns into a host a plain one', () => {
    expect(safeCallbackPath('https://hearth.example/chat/1?x=2#y', ORIGIN)).toBe('/chat/1?x=2#y');
    expect(safeCallbackPath('HTTPS://HEARTH.EXAMPLE:443/a', ORIGIN)).toBe('/a');
    expect(new URL('/.//evil.example', ORIGIN).pathname).toBe('//evil.example');
    expect(safeCallbackPath('/.//evil.example', ORIGIN)).toBe('/evil.example');
    expect(safeCallbackPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
  });

  it('gives next-auth an absolute URL on its own base', () => {
    expect(safeCallbackUrl('/\\evil.example', ORIGIN)).toBe(`${ORIGIN}/`);
    expect(safeCallbackUrl('/chat', `${ORIGIN}/`)).toBe(`${ORIGIN}/chat`);
  });
});

describe('requestOrigin', () => {
  it('is the origin the request was sent to, behind a proxy too', () => {
    expect(requestOrigin(new Headers({ host: 'localhost:3000' }))).toBe('http://localhost:3000');
    expect(
      requestOrigin(
        new Headers({ host: 'internal:3000', 'x-forwarded-host': 'hearth.example', 'x-forwarded-proto': 'https' }),
      ),
    ).toBe(ORIGIN);
    expect(requestOrigin(new Headers({ host: 'bad host' }))).toBe('http://localhost:3000');
    expect(requestOrigin(new Headers({ host: 'evil.example/path?x=' }), 'http://fallback')).toBe('http://fallback');
  });
});
