/**
 * The colour theme a person picks in Settings. It is stored on the account and copied into a
 * cookie, which the root layout reads to put `dark` or `light` on <html> in the server's HTML:
 * the page is drawn in the right theme from its first paint, with no script and no flash.
 * 'system' puts no class on <html>, and the stylesheet follows prefers-color-scheme.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'hearth-theme';
/** A year: the cookie is only a copy of the account's setting, renewed whenever it is set. */
export const THEME_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** The theme a cookie value names; anything missing or unknown is 'system'. */
export function themeFromCookie(value: string | undefined | null): Theme {
  const trimmed = value?.trim();
  return isTheme(trimmed) ? trimmed : 'system';
}

/** The class <html> carries for a theme: none while it follows the system. */
export function themeClass(theme: Theme): 'dark' | 'light' | undefined {
  return theme === 'system' ? undefined : theme;
}

/** The Set-Cookie attributes of the theme cookie (readable by the page: it is no secret). */
export const themeCookieOptions = {
  path: '/',
  maxAge: THEME_COOKIE_MAX_AGE,
  sameSite: 'lax' as const,
  httpOnly: false,
};

/** A script that stores the theme in this browser's cookie (the value is one of THEMES, nothing else). */
export function rememberThemeScript(theme: Theme): string {
  return `document.cookie=${JSON.stringify(`${THEME_COOKIE}=${theme}; path=/; max-age=${THEME_COOKIE_MAX_AGE}; samesite=lax`)};`;
}
