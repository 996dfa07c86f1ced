import { cookies } from 'next/headers';
import { cache } from 'react';
import { getSessionCaller } from '@/lib/auth/session';
import { loadProfile } from './service';
import { THEME_COOKIE, themeFromCookie, type Theme } from './theme';

/**
 * The theme of the page being rendered: this browser's cookie, or, in a browser that has none
 * yet (a new device, the first visit after signing in), the account's, which the page then
 * copies into the cookie (`remember`) so later pages need no database read for it.
 */
export const initialTheme = cache(async (): Promise<{ theme: Theme; remember: boolean }> => {
  const saved = (await cookies()).get(THEME_COOKIE)?.value;
  if (saved !== undefined) return { theme: themeFromCookie(saved), remember: false };
  const caller = await getSessionCaller().catch(() => null);
  const profile = caller && (await loadProfile(caller).catch(() => null));
  return profile ? { theme: profile.theme, remember: true } : { theme: 'system', remember: false };
});
