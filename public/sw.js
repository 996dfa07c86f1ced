// Hearth's service worker: one job, an offline page instead of the browser's own error when a
// page cannot be reached. It precaches /offline (fetched without cookies: a public, static page)
// and the stylesheets it links, serves that page for navigations that fail, and serves those
// stylesheets from the cache. It never caches API responses or any signed-in page: every other
// request goes to the network exactly as without a service worker.
const CACHE = 'hearth-offline-v1';
const OFFLINE_URL = '/offline';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch(OFFLINE_URL, { credentials: 'omit', cache: 'reload' });
      if (!response.ok || response.redirected) throw new Error(`Could not fetch ${OFFLINE_URL}: ${response.status}`);
      const html = await response.clone().text();
      const styles = [...html.matchAll(/href="(\/_next\/static\/[^"?#]+\.css)"/g)].map((match) => match[1]);
      await cache.addAll([...new Set(styles)]);
      await cache.put(OFFLINE_URL, response);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(OFFLINE_URL, { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  const url = new URL(request.url);
  if (
    url.origin === self.location.origin &&
    url.pathname.startsWith('/_next/static/') &&
    url.pathname.endsWith('.css')
  ) {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
  }
});
