import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Response } from '@playwright/test';
import { assistantMessages, signInAsGuest, startChatWith } from './helpers';
import { testKeys } from './test-keys';

const SECRETS = Object.entries(testKeys());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function secretsIn(text: string): string[] {
  return SECRETS.filter(([, value]) => text.includes(value)).map(([name]) => name);
}

test('no secret reaches the browser: not in any response, not in the built client bundles', async ({ page }) => {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  const keep = (response: Response) =>
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), body: body.toString('utf8') }))
        .catch(() => ({ url: response.url(), body: '' })), // redirects have no body
    );
  page.on('response', keep);

  await signInAsGuest(page);
  await startChatWith(page);
  // A reply from the keyed provider, so the key is in use while the pages are served.
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('openai/gpt-4o-mini');
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Is my key safe?');
  await composer.press('Enter');
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await page.reload();
  await page.goto('/api/v1/models');
  // The health details and the deep key check are for monitors holding HEALTH_TOKEN (and admins).
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${testKeys().HEALTH_TOKEN}` });
  const health = await page.goto('/api/health?deep=1');
  expect(health?.status()).toBe(200);
  expect(await health?.json()).toMatchObject({ database: { status: 'up' }, providers: expect.any(Array) });
  page.off('response', keep);

  const responses = await Promise.all(bodies);
  expect(responses.some(({ url }) => url.endsWith('.js'))).toBe(true);
  expect(responses.some(({ url }) => url.includes('/api/chat'))).toBe(true);
  expect(
    responses.filter(({ body }) => secretsIn(body).length).map(({ url, body }) => `${url}: ${secretsIn(body)}`),
  ).toEqual([]);

  const bundles = filesUnder(path.join(process.cwd(), '.next', 'static'));
  expect(bundles.length).toBeGreaterThan(10);
  const leaking = bundles.filter((file) => secretsIn(readFileSync(file, 'utf8')).length);
  expect(leaking).toEqual([]);
});
