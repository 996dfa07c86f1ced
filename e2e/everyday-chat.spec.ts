import { expect, test, type Locator, type Page } from '@playwright/test';
import { openedDraft, sendMessage, signInAsGuest, signInAsMember, startChatWith } from './helpers';

// Defects of the UX review (../shared/reviews/ux-2026-12-06.md) in everyday use: long text and
// names stay on the page (D1, D10), a phone's chat header says who you talk to (D2), and sending
// while offline keeps the message (D5).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Nothing on the page wider than the window: the chat never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The element's content fits in its box: nothing runs past its edge, visibly or in a scroll. */
async function expectContained(locator: Locator) {
  expect(await locator.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
}

async function startChat(page: Page, companion: RegExp, language?: string) {
  await signInAsGuest(page);
  const cards = page.getByRole('list', { name: 'Companions' });
  if (!language) return void (await startChatWith(page, companion));
  await cards.getByRole('link', { name: new RegExp(`^About ${companion.source}`) }).click();
  await page.getByRole('combobox', { name: 'Conversation language' }).selectOption(language);
  await page.getByRole('link', { name: /Start chat/ }).click();
  await openedDraft(page);
}

for (const [label, viewport] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const) {
  test(`a long unbroken message wraps inside its bubble (${label})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await startChat(page, /Wren/);
    const token = `https://example.com/${'a1b2c3d4'.repeat(50)}`;
    await sendMessage(page, token);

    const bubble = page.locator('[data-role="user"]').last().getByText(token);
    await expect(bubble).toBeVisible();
    await expectContained(bubble);
    // The message log does not scroll sideways either.
    await expectContained(page.getByRole('log'));
    await expectNoSidewaysScroll(page);
  });
}

test('on a phone the chat header shows the companion’s name in full, in another language too', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await startChat(page, /Lucía/, 'es-ES');
  const header = page.locator('header').first();
  await expect(header.getByText('Español', { exact: true })).toBeVisible();

  const name = header.getByText('Lucía', { exact: true });
  await expect(name).toBeVisible();
  // Shown whole: not cut to "L…" by the model picker and the icons beside it.
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0)).toBe(true);
  const avatar = header.locator('img').first();
  expect((await avatar.boundingBox())!.width).toBeGreaterThanOrEqual(32);
  await expect(header.getByRole('combobox', { name: 'Model' })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test('sending while offline keeps the message and says why, then sends once back online (review D5)', async ({
  page,
  context,
}) => {
  await startChat(page, /Wren/);
  await context.setOffline(true);
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Are you there?');
  await composer.press('Enter');
  await expect(
    page.getByText('You’re offline. Your message is kept here: send it once you’re back online.'),
  ).toBeVisible();
  await expect(composer).toHaveValue('Are you there?');
  await expect(page.getByText('Failed to fetch')).toHaveCount(0);

  await context.setOffline(false);
  await composer.press('Enter');
  await expect(page.locator('[data-role="user"]').getByText('Are you there?')).toBeVisible();
  await expect(page.locator('[data-role="assistant"]').nth(1)).toHaveAttribute('data-status', 'complete', {
    timeout: 30_000,
  });
});

test('a very long name wraps in the picker’s greeting instead of running off the page (review D10)', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signInAsMember(page, 'A'.repeat(100));
  await expectContained(page.getByRole('heading', { level: 1 }));
  await expectNoSidewaysScroll(page);
});
