import localFont from 'next/font/local';
import { cookies } from 'next/headers';
import type { Metadata, Viewport } from 'next';
import { ServiceWorkerRegistration } from '@/components/pwa/service-worker';
import { THEME_COOKIE, themeClass, themeFromCookie, type Theme } from '@/lib/profile/theme';
import './globals.css';

// Shipped in an npm package: nothing is fetched from a font CDN at build or run time.
const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  weight: '100 900',
  display: 'swap',
});

export const metadata: Metadata = {
  title: { default: 'Hearth', template: '%s · Hearth' },
  description: 'Talk with an AI companion who remembers you.',
  icons: { icon: '/icon.svg', apple: '/apple-touch-icon.png' },
  appleWebApp: { title: 'Hearth', statusBarStyle: 'default' },
};

const THEME_COLORS = { light: '#fbfaf8', dark: '#151311' };

/** The chosen theme from its cookie (set in Settings), read on the server so the first paint is right. */
async function chosenTheme(): Promise<Theme> {
  return themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
}

export async function generateViewport(): Promise<Viewport> {
  const theme = await chosenTheme();
  return {
    width: 'device-width',
    initialScale: 1,
    interactiveWidget: 'resizes-content',
    themeColor:
      theme === 'system'
        ? [
            { media: '(prefers-color-scheme: light)', color: THEME_COLORS.light },
            { media: '(prefers-color-scheme: dark)', color: THEME_COLORS.dark },
          ]
        : THEME_COLORS[theme],
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = themeClass(await chosenTheme());
  return (
    <html lang="en" className={theme ? `${inter.variable} ${theme}` : inter.variable}>
      <body className="min-h-dvh font-sans">
        {children}
        {process.env.NODE_ENV === 'production' && <ServiceWorkerRegistration />}
      </body>
    </html>
  );
}
