import { expect, test, type Page } from '@playwright/test';
import {
  expectAccessible,
  MEMBER_PASSWORD,
  sendMessage,
  shot,
  signInAsGuest,
  signInAsMember,
  signUpConfirmed,
  startChatWith,
} from './helpers';

test('the web app manifest is served to anyone, names the app and its icons, and every icon loads', async ({
  request,
}) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Hearth', short_name: 'Hearth', start_url: '/', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  const sizes = manifest.icons.map((icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of [...manifest.icons, { src: '/apple-touch-icon.png', sizes: '180x180' }]) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
    const bytes = await image.body();
    // The PNG's own width and height (IHDR) are the size the manifest announces.
    expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});

test('pages link the manifest, the apple-touch icon and a theme colour for light and dark', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/apple-touch-icon.png');
  await expect(page.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]')).toHaveCount(1);
  await expect(page.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]')).toHaveCount(1);
  const csp = (await page.request.get('/signin')).headers()['content-security-policy'];
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
});

test('offline, a navigation shows Hearth’s offline page instead of the browser’s error (review D27)', async ({
  page,
  context,
}) => {
  await signInAsGuest(page);
  // The service worker installs once the page has loaded, and precaches the offline page.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'))
    .toBe('activated');
  const chat = await startChatWith(page, /Marcus/);
  await sendMessage(page, 'Hello there');
  await expect(page.locator('[data-role="assistant"]')).toHaveCount(2);

  await context.setOffline(true);
  await page.goto(chat).catch(() => undefined);
  await expect(page.getByRole('heading', { level: 1, name: 'You’re offline' })).toBeVisible();
  await expect(page).toHaveURL(chat); // shown at the address that failed
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '');
  // Styled: its stylesheet came from the cache too.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(251, 250, 248)');
  await shot(page, `offline-d-light`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `offline-m-dark`);

  // Back online, Try again reloads the page that failed.
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByRole('textbox', { name: /^Message / })).toBeVisible();
  await expect(page).toHaveURL(chat);
});

test('the service worker never answers for API routes or signed-in pages while online', async ({ page }) => {
  await signInAsGuest(page);
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'))
    .toBe('activated');
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached).toContain('/offline');
  expect(cached.filter((url) => url !== '/offline' && !/^\/_next\/static\/.+\.css$/.test(url))).toEqual([]);
});

test('the offline page is accessible and public', async ({ page }) => {
  const response = await page.goto('/offline');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'You’re offline' })).toBeVisible();
  await expect(page).toHaveTitle('Offline · Hearth');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});

test('tab titles say who and what (review D26)', async ({ page }) => {
  await signInAsMember(page, 'Titled');
  await page.goto('/companions/lucia');
  await expect(page).toHaveTitle('Lucía · Hearth');
  await page.goto('/companions/lucia/memory');
  await expect(page).toHaveTitle('What Lucía remembers · Hearth');
  await page.goto('/');
  const chat = await startChatWith(page, /Marcus/);
  await expect(page).toHaveTitle(/^Marcus( · .+)? · Hearth$/);
  await sendMessage(page, 'Planning a trip to Porto');
  await expect(page.locator('[data-role="assistant"]')).toHaveCount(2);
  await page.goto(chat);
  await expect(page).toHaveTitle('Marcus · Planning a trip to Porto · Hearth');
});

// playwright.config.ts lists this address in ADMIN_EMAILS. admin.spec.ts may have made the account
// already in this run (same server, same database): then signing in is enough.
const ADMIN_EMAIL = 'admin@e2e.hearth.local';

async function signInAsAdmin(page: Page) {
  const signIn = async () => {
    const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
    await page.request.post('/api/auth/callback/credentials', {
      form: { email: ADMIN_EMAIL, password: MEMBER_PASSWORD, csrfToken, json: 'true' },
    });
    await page.goto('/admin');
    return new URL(page.url()).pathname === '/admin';
  };
  if (await signIn()) return;
  await signUpConfirmed(page, ADMIN_EMAIL);
  expect(await signIn()).toBe(true);
}

test('admin tab titles all end in "· Hearth admin" (review D26)', async ({ page }) => {
  await signInAsAdmin(page);
  for (const [path, title] of [
    ['/admin', 'Analytics · Hearth admin'],
    ['/admin/personas', 'Personas · Hearth admin'],
    ['/admin/users', 'Users · Hearth admin'],
    ['/admin/audit', 'Audit log · Hearth admin'],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
  }
});
