import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, expectAccessible, signInAsGuest, startChatWith, shot } from './helpers';

/** Sends a message and waits for the whole reply (after which the companion learns from it). */
async function say(page: Page, text: string) {
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill(text);
  await composer.press('Enter');
  // The greeting, then one reply per message of the person's.
  const sent = page.locator('[data-role="user"]');
  await expect(sent.last()).toContainText(text);
  await expect(assistantMessages(page)).toHaveCount((await sent.count()) + 1);
  const reply = assistantMessages(page).last();
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  return reply;
}

test('a companion remembers what you told it in a new chat, and you can see, edit and delete what it remembers', async ({
  page,
}) => {
  await signInAsGuest(page);
  await startChatWith(page, /Marcus/);
  await say(page, "Hi! I'm Maya, I live in Utrecht and I'm training for a half marathon in April.");

  // Days later, a new conversation: the companion knows.
  await page.goto('/');
  await startChatWith(page, /Marcus/);
  const reply = await say(page, 'Do you remember where I live?');
  await expect(reply).toContainText('You live in Utrecht');

  // What Marcus remembers, from the chat header.
  await page.getByRole('link', { name: 'What Marcus remembers about you' }).click();
  await expect(page.getByRole('heading', { name: 'What Marcus remembers about you' })).toBeVisible();
  const memories = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Edit: / }) });
  await expect(memories).toHaveCount(3);
  await expect(memories.filter({ hasText: "You're training for a half marathon in April." })).toContainText('Apr 2027');
  await expectAccessible(page);

  // Edit one: an empty memory is refused inline; a real edit sticks after a reload.
  await page.getByRole('button', { name: 'Edit: You live in Utrecht.' }).click();
  const field = page.getByRole('textbox', { name: 'Memory' });
  await field.fill('   ');
  await field.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Write what should be remembered' })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('You live in Rotterdam, near the harbour.');
  await field.press('Enter');
  await expect(page.getByText('You live in Rotterdam, near the harbour.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('You live in Rotterdam, near the harbour.')).toBeVisible();

  // Delete one, then forget the rest.
  await page.getByRole('button', { name: 'Delete: Your name is Maya.' }).click();
  await expect(memories).toHaveCount(2);
  await page.getByRole('button', { name: 'Forget everything' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Forget everything' }).click();
  await expect(page.getByText("Marcus doesn't remember anything about you yet.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Marcus doesn't remember anything about you yet.")).toBeVisible();
});

test('with memory off, a companion neither learns nor recalls', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/companions/wren/memory');
  const memorySwitch = page.getByRole('switch', { name: 'Memory for Wren' });
  await expect(memorySwitch).toHaveAttribute('aria-checked', 'true');
  await memorySwitch.click();
  await expect(memorySwitch).toHaveAttribute('aria-checked', 'false');
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Memory for Wren' })).toHaveAttribute('aria-checked', 'false');

  await page.goto('/');
  await startChatWith(page, /Wren/);
  await say(page, 'My name is Ilse and I live in Ghent.');
  const reply = await say(page, 'Where do I live?');
  await expect(reply).not.toContainText('Ghent');
  await page.goto('/companions/wren/memory');
  await expect(page.getByText("Wren doesn't remember anything about you yet.")).toBeVisible();
});

test('the same memory through the REST API: list, rewrite, switch, delete, forget; another person gets 404', async ({
  page,
  browser,
}) => {
  await signInAsGuest(page);
  await startChatWith(page, /Marcus/);
  await say(page, 'My name is Noor and I live in Ghent.');

  const api = page.request;
  const listed = await (await api.get('/api/v1/companions/marcus/memories')).json();
  expect(listed).toMatchObject({ enabled: true, shared: false });
  expect(listed.data.map((m: { content: string }) => m.content).sort()).toEqual([
    'Lives in Ghent.',
    'Their name is Noor.',
  ]);
  const ghent = listed.data.find((m: { content: string }) => m.content === 'Lives in Ghent.');
  expect(ghent).toMatchObject({ kind: 'fact', shared: false, conversation_id: expect.any(String) });

  const rewritten = await api.patch(`/api/v1/memories/${ghent.id}`, {
    data: { content: '  Lives in Ghent,\nnear the Graslei. ' },
  });
  expect(await rewritten.json()).toMatchObject({ id: ghent.id, content: 'Lives in Ghent, near the Graslei.' });
  const empty = await api.patch(`/api/v1/memories/${ghent.id}`, { data: { content: ' ' } });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'content' });

  // Someone else cannot see, change or delete it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAsGuest(otherPage);
  expect((await otherPage.request.patch(`/api/v1/memories/${ghent.id}`, { data: { content: 'x' } })).status()).toBe(
    404,
  );
  expect((await otherPage.request.delete(`/api/v1/memories/${ghent.id}`)).status()).toBe(404);
  expect((await (await otherPage.request.get('/api/v1/companions/marcus/memories')).json()).data).toEqual([]);
  await other.close();

  const switched = await (
    await api.patch('/api/v1/companions/marcus/memories', { data: { enabled: false, shared: true } })
  ).json();
  expect(switched).toMatchObject({ enabled: false, shared: true });
  expect((await api.delete(`/api/v1/memories/${ghent.id}`)).status()).toBe(204);
  expect(await (await api.delete('/api/v1/companions/marcus/memories')).json()).toEqual({ deleted: 1 });
  expect((await (await api.get('/api/v1/companions/marcus/memories')).json()).data).toEqual([]);
});

test('each memory says which message it came from, in words addressed to the person; switches are ember (review D15, D32)', async ({
  page,
}) => {
  await signInAsGuest(page);
  await startChatWith(page, /Lucía/);
  await say(page, 'My name is Sam and I live in Lisbon.');
  await say(page, 'I work as a nurse.');
  await say(page, 'My sister Ana is getting married in June.');

  await page.goto('/companions/lucia/memory');
  const memory = (text: string) => page.getByRole('listitem').filter({ hasText: text });
  await expect(memory('Your name is Sam.')).toContainText('you said “My name is Sam and I live in Lisbon.”');
  // Not the conversation's title (its first message), but the message it was learned from.
  await expect(memory('You work as a nurse.')).toContainText('you said “I work as a nurse.”');
  await expect(memory('You work as a nurse.')).not.toContainText('Lisbon');
  await expect(memory('Your sister Ana is getting married in June.')).toContainText('Jun 2027');
  await expect(memory('Your sister is called Ana.')).toContainText(
    'you said “My sister Ana is getting married in June.”',
  );
  await expect(page.getByText('Their name')).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'memory-d-light', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'memory-m-dark', { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: '“I work as a nurse.”' }).click();
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);

  await page.goto('/companions/lucia/memory');
  // The brand's ember (ember-600), not the companion's accent colour.
  const on = page.getByRole('switch', { name: 'Memory for Lucía' });
  await expect(on).toHaveAttribute('aria-checked', 'true');
  await expect(on).toHaveCSS('background-color', 'rgb(217, 95, 8)');
});
