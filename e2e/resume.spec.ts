import { expect, test, type Locator, type Page } from '@playwright/test';
import { assistantMessages, expectAccessible, signInAsGuest, startChatWith } from './helpers';
import { ownServer } from './own-server';

// A server of this spec's own whose offline model writes a word every 200 ms, so a reply takes
// about eight seconds: a reload on a busy CI machine took over two, and the shared server's reply
// (80 ms a word) sometimes finished before the page had reconnected to it.
ownServer('resume', 13, { OFFLINE_MODEL_FIRST_TOKEN_MS: '300', OFFLINE_MODEL_WORD_MS: '200' });
const RECONNECT = /\/api\/chat\/[0-9a-f-]{36}\/stream$/;

const wordsIn = async (reply: Locator) =>
  ((await reply.textContent()) ?? '').trim().split(/\s+/).filter(Boolean).length;

async function sendAndWaitForWords(page: Page, text: string, words = 3): Promise<Locator> {
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill(text);
  await composer.press('Enter');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect.poll(() => wordsIn(reply)).toBeGreaterThan(words);
  return reply;
}

/** After a reload, the reply as the database has it. */
async function savedReply(page: Page): Promise<string> {
  await page.reload();
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  return (await reply.textContent()) ?? '';
}

test('a reload mid-reply reconnects to it: the rest streams in, exactly once, as it was saved', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const before = await sendAndWaitForWords(page, 'Tell me about your favourite things, please.');
  const partial = ((await before.textContent()) ?? '').trim();

  const reconnect = page.waitForResponse((response) => RECONNECT.test(response.url()));
  await page.reload();
  expect((await reconnect).status()).toBe(200);

  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  // What was written before the reload is back at once, and the reply keeps growing after it.
  await expect.poll(async () => ((await reply.textContent()) ?? '').trim().startsWith(partial)).toBe(true);
  const afterReplay = await wordsIn(reply);
  await expect.poll(() => wordsIn(reply)).toBeGreaterThan(afterReplay);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible();
  await expect(assistantMessages(page)).toHaveCount(2);
  const shown = (await reply.textContent()) ?? '';
  expect(shown.length).toBeGreaterThan(partial.length);
  await expectAccessible(page);

  expect(await savedReply(page)).toBe(shown);
  await expect(assistantMessages(page)).toHaveCount(2);
  await expect(page.locator('[data-role="user"]')).toHaveCount(1);
});

test('going offline mid-reply, then back online: the rest of the reply arrives', async ({ page, context }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const reply = await sendAndWaitForWords(page, 'What do you like to talk about?');

  await context.setOffline(true);
  await expect(
    page.getByRole('status').filter({ hasText: /You’re offline\..*the rest will appear when you’re back online/ }),
  ).toBeVisible();
  const atDrop = ((await reply.textContent()) ?? '').trim();
  // The page is cut off from the reply (which goes on on the server): nothing more arrives.
  await page.waitForTimeout(1000);
  expect(((await reply.textContent()) ?? '').trim()).toBe(atDrop);
  // No error (Next.js keeps an alert region of its own for route announcements: it names the page
  // once the draft's address becomes the chat's own).
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /\S/ })
      .filter({ hasNotText: / · Hearth$/ }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  const reconnect = page.waitForResponse((response) => RECONNECT.test(response.url()));
  await context.setOffline(false);
  expect((await reconnect).status()).toBe(200);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /offline|Reconnecting/ })).toHaveCount(0);
  const shown = (await reply.textContent()) ?? '';
  expect(shown.trim().startsWith(atDrop)).toBe(true);
  expect(shown.length).toBeGreaterThan(atDrop.length);
  await expect(assistantMessages(page)).toHaveCount(2);

  expect(await savedReply(page)).toBe(shown);
});

test('a reload after the reply finished shows it from the database, with no reconnect', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Hello there!');
  await composer.press('Enter');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const full = (await reply.textContent()) ?? '';

  const reconnects: string[] = [];
  page.on('request', (request) => {
    if (RECONNECT.test(request.url())) reconnects.push(request.url());
  });
  expect(await savedReply(page)).toBe(full);
  await expect(page.getByText(/still finishing|Reconnecting/)).toHaveCount(0);
  expect(reconnects).toEqual([]);
});

test('Stop works on a reply the page reconnected to, and the stream is its owner’s alone', async ({
  page,
  browser,
}) => {
  // Someone else, signed in before the reply starts so that the reply is still being written when they ask.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signInAsGuest(strangerPage);

  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await sendAndWaitForWords(page, 'Who are you, and what do you like to talk about?', 0);
  const conversationId = chatUrl.split('/').pop()!;

  // The stranger asks for the stream while the page reloads, so both happen while the reply is
  // still being written (it takes a few seconds), and Stop is pressed as soon as the page is back.
  const reconnect = page.waitForResponse((response) => RECONNECT.test(response.url()));
  const [theirs, notAnId] = await Promise.all([
    strangerPage.request.get(`/api/chat/${conversationId}/stream`),
    strangerPage.request.get('/api/chat/not-an-id/stream'),
    page.reload(),
  ]);
  expect(theirs.status()).toBe(404);
  expect(await theirs.json()).toEqual({
    error: { type: 'not_found_error', message: 'This conversation does not exist.' },
  });
  expect(notAnId.status()).toBe(400);
  await stranger.close();

  expect((await reconnect).status()).toBe(200);
  const reply = assistantMessages(page).nth(1);
  await page.getByRole('button', { name: 'Stop reply' }).click();
  await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible();
  await expect(reply).toHaveAttribute('data-status', 'aborted');
  expect(await wordsIn(reply)).toBeGreaterThan(0);
  const stoppedAt = await wordsIn(reply);
  await page.waitForTimeout(600);
  expect(await wordsIn(reply)).toBe(stoppedAt);

  await page.reload();
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'aborted');
  await expect(page.getByText('Stopped.')).toBeVisible();
  // Nothing is being written any more, so there is nothing to reconnect to.
  expect((await page.request.get(`/api/chat/${conversationId}/stream`)).status()).toBe(204);
});
