import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAsGuest, shot } from './helpers';

async function top(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return Math.round(box!.y + box!.height / 2);
}

function actions(page: Page) {
  return {
    start: page.getByRole('link', { name: 'Start chat with Lucía' }),
    language: page.getByRole('combobox', { name: 'Conversation language' }),
    call: page.getByRole('button', { name: /^Call/ }),
    memories: page.getByRole('link', { name: /what Lucía remembers about you/ }),
  };
}

test('the companion page’s actions leave nothing alone on a row (review D33)', async ({ page }) => {
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/companions/lucia');
  const { start, language, call, memories } = actions(page);
  // Desktop: one row.
  const row = await top(start);
  for (const item of [language, call, memories]) expect(await top(item)).toBe(row);
  await shot(page, `companion-lucia-d-light`);

  // Phone: starting a chat and its language fill the first row; Call and Memories share the second.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const first = await top(start);
  expect(await top(language)).toBe(first);
  const second = await top(call);
  expect(second).toBeGreaterThan(first);
  expect(await top(memories)).toBe(second);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `companion-lucia-m-dark`);
});
