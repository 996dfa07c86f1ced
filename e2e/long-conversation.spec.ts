import { expect, test, type Page } from '@playwright/test';
import { encodePng } from '../lib/uploads/png.ts';
import { expectAccessible, signInAsGuest, signInAsMember, startChatWith } from './helpers';
import { ownServer } from './own-server';

// Limits a person meets, on a server of their own (like e2e/rate-limit.spec.ts). A conversation
// of 300 messages opens with the newest 50 in the page, loads older ones as the person scrolls
// up, says so when a page cannot load (with Retry), and stops at the start. Loading the chat page
// takes the request quota: past it, a friendly page, not a 500 (people get 40 requests a minute
// here; guests, who seed the long conversation through the REST API, many more). And the storage
// quota: a guest's file past it is refused in the composer with how much is used of how much,
// and Settings › Storage shows the meter.
const USER_REQUESTS_PER_MINUTE = 40;
const SEEDED = 300;
const BASE_URL = ownServer('long-conversation', 7, {
  RATE_LIMIT_REQUESTS_PER_MINUTE_GUEST: '2000',
  RATE_LIMIT_REQUESTS_PER_MINUTE_USER: String(USER_REQUESTS_PER_MINUTE),
  RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
  RATE_LIMIT_MESSAGES_PER_HOUR: '0',
  RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
  RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
  STORAGE_QUOTA_MB_GUEST: '1',
});

/** 300 messages after the greeting, saved through the REST API with the page's session (no replies asked for). */
async function seed(page: Page, conversationId: string): Promise<void> {
  for (let i = 1; i <= SEEDED; i++) {
    const saved = await page.request.post(`/api/v1/conversations/${conversationId}/messages`, {
      headers: { origin: BASE_URL },
      data: { content: `Seeded message ${i}`, reply: false },
    });
    expect(saved.status(), await saved.text()).toBe(201);
  }
}

const bubbles = (page: Page) => page.locator('[data-role="user"], [data-role="assistant"]');
const scroller = (page: Page) => page.getByRole('log').locator('xpath=..');
const scrollToTop = (page: Page) => scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));

test('the newest 50 are in the page; scrolling up loads 50 more at a time, steady, with Retry, until the start', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await signInAsGuest(page);
  // Created through the REST API: the web chat writes a conversation only with its first message.
  const created = await page.request.post('/api/v1/conversations', {
    headers: { origin: BASE_URL },
    data: { companion: 'wren' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  await seed(page, id);
  await page.goto(`/chat/${id}`);

  await expect(bubbles(page)).toHaveCount(50);
  await expect(bubbles(page).first()).toContainText('Seeded message 251');
  await expect(bubbles(page).last()).toContainText(`Seeded message ${SEEDED}`);
  await expect(page.getByText('Seeded message 250', { exact: true })).toHaveCount(0);

  // To the top: the 50 before join, and the message that was at the top stays in view.
  await scrollToTop(page);
  await expect(bubbles(page)).toHaveCount(100);
  await expect(bubbles(page).first()).toContainText('Seeded message 201');
  // The page loaded in front sits before the live log, so a screen reader does not announce it.
  await expect(page.getByRole('log').locator('[data-role="user"], [data-role="assistant"]')).toHaveCount(50);
  const steady = await page.getByText('Seeded message 251', { exact: true }).evaluate((el) => {
    const view = el.closest('.overflow-y-auto')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return {
      inView: box.top >= view.top - 1 && box.bottom <= view.bottom + 1,
      scrollTop: el.closest('.overflow-y-auto')!.scrollTop,
    };
  });
  expect(steady.inView).toBe(true);
  expect(steady.scrollTop).toBeGreaterThan(500);

  // A page that cannot load says so, and Retry loads it.
  await context.setOffline(true);
  await scrollToTop(page);
  const failed = page
    .getByRole('alert')
    .filter({ hasText: /earlier messages could not be loaded|Something went wrong/ });
  await expect(failed).toBeVisible();
  await context.setOffline(false);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(bubbles(page)).toHaveCount(150);

  // On to the start: the greeting is first, and nothing more is asked for.
  for (let shown = 150; shown < SEEDED + 1; shown = Math.min(shown + 50, SEEDED + 1)) {
    await scrollToTop(page);
    await expect(bubbles(page)).toHaveCount(Math.min(shown + 50, SEEDED + 1));
  }
  await expect(bubbles(page).nth(1)).toContainText('Seeded message 1');
  await expect(page.getByRole('button', { name: 'Load earlier messages' })).toHaveCount(0);
  await expect(page.getByText('Loading earlier messages…')).toHaveCount(0);
});

test('loading the chat page past the request quota shows a friendly page, not a 500', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsMember(page);
  const chatUrl = await startChatWith(page);
  let answer = { status: 0, body: '' };
  for (let i = 0; i <= USER_REQUESTS_PER_MINUTE && !answer.body.includes('take a breath'); i++) {
    const response = await page.request.get(chatUrl);
    answer = { status: response.status(), body: await response.text() };
    expect(answer.status).toBeLessThan(500);
  }
  expect(answer.body).toContain('take a breath');
  await page.goto(chatUrl);
  await expect(page.getByRole('heading', { name: 'Let’s take a breath' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', new URL(chatUrl).pathname);
});

/** A PNG of noise (it does not compress): about 3 bytes a pixel. */
function noisyPng(side: number): Buffer {
  return Buffer.from(
    encodePng(side, side, () => [
      Math.floor(Math.random() * 256),
      Math.floor(Math.random() * 256),
      Math.floor(Math.random() * 256),
      255,
    ]),
  );
}

test('a file past the storage quota is refused in the composer, and Settings › Storage shows the usage', async ({
  page,
}) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const input = page.getByTestId('file-input');
  await input.setInputFiles([{ name: 'small.png', mimeType: 'image/png', buffer: noisyPng(300) }]);
  await expect(page.getByTestId('attachment').first()).toHaveAttribute('data-state', 'ready');
  await input.setInputFiles([{ name: 'large.png', mimeType: 'image/png', buffer: noisyPng(520) }]);
  await expect(page.locator('#composer-problem')).toHaveText(
    /^Your storage is full: you are using 0\.\d+ MB of 1 MB, and this file needs 0\.\d+ MB\./,
  );

  await page.goto('/settings/storage');
  const meter = page.getByRole('meter', { name: 'Storage used' });
  await expect(meter).toHaveAttribute('aria-valuetext', /^0\.\d+ MB of 1 MB$/);
  await expect(page.getByText(/^0\.\d+ MB of 1 MB$/)).toBeVisible();
  await expectAccessible(page);
});
