import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function signInAsGuest(page: Page) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue as guest' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Good (morning|afternoon|evening)|Hello/);
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
