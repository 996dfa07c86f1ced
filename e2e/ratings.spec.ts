import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, expectAccessible, sendMessage, signInAsMember, startChatWith } from './helpers';

/** A server action's request (the rating, and the page reading its messages again). */
const isAction = (request: { headers(): Record<string, string> }) => 'next-action' in request.headers();

/** Presses a thumb on the reply and waits until the server has answered the save. */
async function press(page: Page, thumb: ReturnType<Page['getByRole']>, how: 'click' | 'Enter' = 'click') {
  const saved = page.waitForResponse((response) => isAction(response.request()));
  if (how === 'click') await thumb.click();
  else await thumb.press(how);
  await saved;
}

test('a person rates a reply, finds the rating after a reload, changes it and clears it', async ({ page }) => {
  await signInAsMember(page, 'Rater');
  const chatUrl = await startChatWith(page, /^Wren/);
  const replies = assistantMessages(page);
  // The greeting is not a reply anyone asked for: no thumbs on it.
  await expect(replies).toHaveCount(1);
  await expect(replies.first().getByRole('button', { name: 'Good reply' })).toHaveCount(0);

  await sendMessage(page, 'Tell me something kind.');
  const reply = replies.nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await page.waitForURL(chatUrl);
  const good = () => replies.nth(1).getByRole('button', { name: 'Good reply' });
  const bad = () => replies.nth(1).getByRole('button', { name: 'Bad reply' });
  await expect(good()).toHaveAttribute('aria-pressed', 'false');

  await press(page, good());
  await expect(good()).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page);

  await page.reload();
  await expect(good()).toHaveAttribute('aria-pressed', 'true');
  await expect(bad()).toHaveAttribute('aria-pressed', 'false');

  // From the keyboard: the thumbs are buttons in the reply's toolbar.
  await bad().focus();
  await press(page, bad(), 'Enter');
  await expect(bad()).toHaveAttribute('aria-pressed', 'true');
  await expect(good()).toHaveAttribute('aria-pressed', 'false');
  // Pressing the pressed thumb clears the rating.
  await press(page, bad());
  await expect(bad()).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(good()).toHaveAttribute('aria-pressed', 'false');
  await expect(bad()).toHaveAttribute('aria-pressed', 'false');
});

test('a rating that cannot be saved is undone, with the reason beside the thumbs', async ({ page }) => {
  await signInAsMember(page, 'Oona');
  await startChatWith(page, /^Wren/);
  await sendMessage(page, 'Hello there.');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  await page.reload();

  await page.route('**/*', (route) => (isAction(route.request()) ? route.abort() : route.continue()));
  const good = reply.getByRole('button', { name: 'Good reply' });
  await good.click();
  await expect(reply.getByRole('alert')).toContainText('Could not reach Hearth');
  await expect(good).toHaveAttribute('aria-pressed', 'false');

  await page.unroute('**/*');
  await press(page, good);
  await expect(good).toHaveAttribute('aria-pressed', 'true');
  await expect(reply.getByRole('alert')).toHaveCount(0);
});
