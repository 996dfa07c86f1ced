import { describe, expect, it } from 'vitest';
import { rememberThemeScript, themeClass, themeFromCookie, THEME_COOKIE } from './theme';

describe('the theme cookie', () => {
  it('reads the three themes, and anything else as following the system', () => {
    expect(themeFromCookie('dark')).toBe('dark');
    expect(themeFromCookie(' light ')).toBe('light');
    expect(themeFromCookie('system')).toBe('system');
    for (const odd of [undefined, null, '', 'DARK', 'blue', 'dark;light', '<script>'])
      expect(themeFromCookie(odd)).toBe('system');
  });

  it('puts a class on <html> only for a chosen theme', () => {
    expect(themeClass('dark')).toBe('dark');
    expect(themeClass('light')).toBe('light');
    expect(themeClass('system')).toBeUndefined();
  });

  it('remembers the theme with a script that sets exactly that cookie', () => {
    const assigned: string[] = [];
    const document = {
      set cookie(value: string) {
        assigned.push(value);
      },
    };
    new Function('document', rememberThemeScript('dark'))(document);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatch(new RegExp(`^${THEME_COOKIE}=dark; path=/; max-age=\\d+; samesite=lax$`));
  });
});
