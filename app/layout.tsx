import localFont from 'next/font/local';
import { headers } from 'next/headers';
import type { Metadata, Viewport } from 'next';
import { ServiceWorkerRegistration } from '@/components/pwa/service-worker';
import { initialTheme } from '@/lib/profile/initial-theme';
import { rememberThemeScript, themeClass } from '@/lib/profile/theme';
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

export async function generateViewport(): Promise<Viewport> {
  const { theme } = await initialTheme();
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

/** The chosen theme's class on <html> in the server's HTML (lib/profile/theme.ts): drawn right from the first paint. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { theme, remember } = await initialTheme();
  const name = themeClass(theme);
  const nonce = remember ? ((await headers()).get('x-nonce') ?? undefined) : undefined;
  return (
    <html lang="en" className={name ? `${inter.variable} ${name}` : inter.variable}>
      <body className="min-h-dvh font-sans">
        {remember && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: rememberThemeScript(theme) }} />}
        {children}
        {process.env.NODE_ENV === 'production' && <ServiceWorkerRegistration />}
      </body>
    </html>
  );
}
