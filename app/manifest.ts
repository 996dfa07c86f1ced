import type { MetadataRoute } from 'next';

/** The web app manifest (/manifest.webmanifest): what a browser needs to install Hearth as an app. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Hearth',
    short_name: 'Hearth',
    description: 'Talk with an AI companion who remembers you.',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#fbfaf8',
    theme_color: '#fbfaf8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
