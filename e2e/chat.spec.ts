import { expect, test } from '@playwright/test';
import { assistantMessages, expectAccessible, openedDraft, signInAsGuest, startChatWith } from './helpers';

test('a guest picks a companion, watches the reply stream in, and finds it again after a reload', async ({
  page,
  browser,
}) => {
  await signInAsGuest(page);

  const cards = page.getByRole('list', { name: 'Companions' }).locator(':scope > li');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(8);
  await expectAccessible(page);

  // Search narrows the picker, and clearing it brings everyone back.
  const search = page.getByRole('searchbox', { name: 'Search companions' });
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await search.fill('zzzz-nobody');
  await expect(page.getByText(/Nobody matches/)).toBeVisible();
  await page.getByRole('button', { name: 'Clear the search' }).click();

  const chatUrl = await startChatWith(page);
  const replies = assistantMessages(page);
  await expect(replies).toHaveCount(1); // the greeting
  const greeting = (await replies.first().innerText()).trim();
  expect(greeting.length).toBeGreaterThan(0);

  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Hello! What do you like to talk about?');
  await composer.press('Enter');

  await expect(page.locator('[data-role="user"]')).toContainText('Hello! What do you like to talk about?');
  // Half-way: the reply is on screen and still being written.
  const reply = replies.nth(1);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect.poll(async () => (await reply.innerText()).trim().split(/\s+/).length).toBeGreaterThan(2);
  const partial = (await reply.textContent()) ?? '';
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const full = (await reply.textContent()) ?? '';
  expect(full.length).toBeGreaterThan(partial.length);
  // The offline model answers a question with markdown (bold or a list): the renderer, loaded only
  // for such a message, formats it.
  await expect(reply.locator('strong, li').first()).toBeVisible();
  await expectAccessible(page);

  await page.reload();
  await expect(assistantMessages(page)).toHaveCount(2);
  await expect(assistantMessages(page).nth(1)).toHaveText(full);
  await expect(assistantMessages(page).nth(1).locator('strong, li').first()).toBeVisible();
  await expect(page.locator('[data-role="user"]')).toContainText('Hello! What do you like to talk about?');

  // The conversation now leads the sidebar, titled after the first message.
  await expect(page.getByRole('navigation', { name: 'Your conversations' }).getByRole('link').first()).toContainText(
    'Hello! What do you like',
  );

  // Someone else, with the same link, finds nothing.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signInAsGuest(strangerPage);
  const response = await strangerPage.goto(chatUrl);
  expect(response?.status()).toBe(404);
  await expect(strangerPage.getByRole('heading', { name: /isn’t here/ })).toBeVisible();
  await stranger.close();
});

test('a failed request shows an error with Retry, and Retry gets the reply', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);

  let failed = false;
  await page.route('**/api/chat', async (route) => {
    if (failed) return route.continue();
    failed = true;
    await route.fulfill({
      status: 502,
      contentType: 'application/json',
      body: JSON.stringify({ error: { type: 'provider_error', message: 'The companion is unreachable right now.' } }),
    });
  });

  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Are you there?');
  await composer.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'unreachable' });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(alert).toBeHidden();

  await page.reload();
  await expect(page.locator('[data-role="user"]')).toHaveCount(1);
  await expect(assistantMessages(page)).toHaveCount(2);
});

test('stop, regenerate and edit the last message', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const composer = page.getByRole('textbox', { name: /^Message / });

  await composer.fill('Tell me something long');
  await composer.press('Enter');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await page.getByRole('button', { name: 'Stop reply' }).click();
  await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible();

  await reply.hover();
  await page.getByRole('button', { name: 'Regenerate reply' }).click();
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  await page.locator('[data-role="user"]').hover();
  await page.getByRole('button', { name: 'Edit message' }).click();
  await expect(composer).toHaveValue('Tell me something long');
  await composer.fill('Actually, tell me something short');
  await composer.press('Enter');
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  await page.reload();
  // The message shows the edit, with the earlier version one arrow away.
  await expect(page.locator('[data-role="user"]')).toHaveText([/^Actually, tell me something short/]);
  await expect(assistantMessages(page)).toHaveCount(2);
});

test('empty and oversized messages are refused inline and nothing is sent', async ({ page }) => {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('x'.repeat(16_001));
  await expect(page.getByRole('button', { name: 'Send message' })).toBeDisabled();
  await expect(page.getByText('16,001 / 16,000')).toBeVisible();
  await composer.press('Enter');
  await expect(page.getByText('Messages can be at most 16,000 characters.')).toBeVisible();
  await expect(page.locator('[data-role="user"]')).toHaveCount(0);

  // The draft's conversation (it exists from the first message on): an empty message is refused before anything.
  const status = await page.evaluate(async (conversationId) => {
    const res = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'send', conversationId, text: '   ' }),
    });
    return { status: res.status, body: await res.json() };
  }, chatUrl.split('/').pop());
  expect(status).toEqual({
    status: 400,
    body: { error: { type: 'invalid_request_error', message: 'Write something before sending.', param: 'text' } },
  });
});

test('the language partner chats in the language picked when the chat starts', async ({ page }) => {
  await signInAsGuest(page);
  await page.getByRole('list', { name: 'Companions' }).getByRole('link', { name: 'About Lucía' }).click();
  await page.getByRole('combobox', { name: 'Conversation language' }).selectOption('es-ES');
  await page.getByRole('link', { name: /Start chat/ }).click();
  await openedDraft(page);
  await expect(page.locator('header').getByText('Español', { exact: true })).toBeVisible();

  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Hola, ¿qué tal?');
  await composer.press('Enter');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(reply).toContainText(/Soy Lucía|Aquí Lucía|Lucía/);
  await expect(reply).toContainText(/¿|¡|«/);
});

test('switching the model mid-conversation: the next reply comes from the new model', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('First, with the offline model.');
  await composer.press('Enter');
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  // Models this server cannot use are not offered (their reasons are settings, for admins).
  await expect(picker.getByRole('option', { name: /Gemini 2.5 Flash/ })).toHaveCount(0);
  await picker.selectOption('openai/gpt-4o-mini');
  await expect(page.getByText(/answering with Hearth’s built-in offline model/)).toBeHidden();

  await composer.fill('And now with GPT.');
  await composer.press('Enter');
  const reply = assistantMessages(page).nth(2);
  await expect(reply).toContainText('fake OpenAI-compatible server answering as gpt-4o-mini', { timeout: 30_000 });
  await expect(reply).toHaveAttribute('data-status', 'complete');

  await page.reload();
  await expect(picker).toHaveValue('openai/gpt-4o-mini');
  await expect(assistantMessages(page).nth(2)).toContainText('You said: "And now with GPT."');

  // One reply retried with another model; the conversation keeps its own.
  await page.getByRole('combobox', { name: 'Retry with another model' }).selectOption({ label: 'Hearth offline demo' });
  await expect(assistantMessages(page).nth(2)).not.toContainText('fake OpenAI-compatible server', { timeout: 30_000 });
  await expect(assistantMessages(page).nth(2)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(assistantMessages(page)).toHaveCount(3);
  await expect(picker).toHaveValue('openai/gpt-4o-mini');
});
