import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function signInAsGuest(page: Page) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue as guest' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Good (morning|afternoon|evening)|Hello/);
}

/** The password of the accounts the specs sign up: one zxcvbn accepts. */
export const MEMBER_PASSWORD = 'correct horse battery';

/**
 * A new signed-up account, signed in on this page's browser context (API keys are for accounts,
 * not guests): made through the API, signed in as next-auth's client does, then the home page.
 */
export async function signInAsMember(page: Page, name = 'Member'): Promise<{ email: string }> {
  const email = `member-${crypto.randomUUID()}@example.com`;
  const created = await page.request.post('/api/v1/users', { data: { email, password: MEMBER_PASSWORD, name } });
  expect(created.status()).toBe(201);
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const signedIn = await page.request.post('/api/auth/callback/credentials', { form: { email, password: MEMBER_PASSWORD, csrfToken, json: 'true' } });
  expect(signedIn.ok()).toBe(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  return { email };
}

/** Opens a companion from the picker (the first one unless named) and starts a chat; returns the chat URL. */
export async function startChatWith(page: Page, name?: string | RegExp): Promise<string> {
  await page.getByRole('list', { name: 'Companions' }).getByRole('link', name ? { name } : undefined).first().click();
  await page.getByRole('button', { name: /Start chat/ }).click();
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  return page.url();
}

export function assistantMessages(page: Page) {
  return page.locator('[data-role="assistant"]');
}

/** No serious or critical accessibility violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
