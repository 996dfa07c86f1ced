import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, signInAsGuest, startChatWith } from './helpers';

const versionsOf = (page: Page, noun: 'reply' | 'message') =>
  page.getByRole('group', { name: `Versions of this ${noun}` });

/** Sends a message and waits for its reply to be written. */
async function send(page: Page, text: string) {
  const replies = await assistantMessages(page).count();
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(assistantMessages(page)).toHaveCount(replies + 1);
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
}

test('regenerated replies stay as versions to swipe between, and an edited reply is one more', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await send(page, 'Tell me about the sea');
  const reply = assistantMessages(page).nth(1);
  // Its words, without the "Ada says:" read to screen readers.
  const first = (await reply.innerText()).replace(/^[^\n]*says:\s*/, '').slice(0, 40);

  await reply.hover();
  await page.getByRole('button', { name: 'Regenerate reply' }).click();
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const versions = versionsOf(page, 'reply');
  await expect(versions).toContainText('Version 2 of 2');
  await expect(versions.getByRole('button', { name: 'Next version of this reply' })).toBeDisabled();

  // Back to the first version: it is what the conversation shows, after a reload too.
  await versions.getByRole('button', { name: 'Previous version of this reply' }).click();
  await expect(versions).toContainText('Version 1 of 2');
  await expect(assistantMessages(page).nth(1)).toContainText(first);
  await page.reload();
  await expect(versionsOf(page, 'reply')).toContainText('Version 1 of 2');

  // The person writes the reply they wanted: a third version, and the one the chat goes on from.
  await assistantMessages(page).nth(1).hover();
  await assistantMessages(page).nth(1).getByRole('button', { name: 'Edit reply' }).click();
  const composer = page.getByRole('textbox', { name: /^Message / });
  await expect(composer).toHaveValue(/the sea/);
  await composer.fill('The sea is wide, and I love it.');
  await page.getByRole('button', { name: 'Save reply' }).click();
  await expect(assistantMessages(page).nth(1)).toHaveText(/The sea is wide, and I love it\./);
  await expect(versionsOf(page, 'reply')).toContainText('Version 3 of 3');
  await page.reload();
  await expect(assistantMessages(page).nth(1)).toHaveText(/The sea is wide, and I love it\./);
});

test('editing an earlier message forks a branch, and the arrows go back to the conversation as it was', async ({
  page,
}) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await send(page, 'First, a question about stars');
  await send(page, 'Second, one about rivers');
  const said = page.locator('[data-role="user"]');
  await expect(said).toHaveCount(2);

  await said.first().hover();
  await said.first().getByRole('button', { name: 'Edit message' }).click();
  const composer = page.getByRole('textbox', { name: /^Message / });
  await expect(composer).toHaveValue('First, a question about stars');
  await composer.fill('First, a question about the moon');
  await composer.press('Enter');
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(said).toHaveText([/^First, a question about the moon/]);
  await expect(assistantMessages(page)).toHaveCount(2);

  const versions = versionsOf(page, 'message');
  await expect(versions).toContainText('Version 2 of 2');
  await versions.getByRole('button', { name: 'Previous version of this message' }).click();
  await expect(said).toHaveText([/^First, a question about stars/, 'Second, one about rivers']);
  await expect(assistantMessages(page)).toHaveCount(3);

  // Keyboard: the arrows are buttons like any other. They are disabled while the previous switch
  // is saved, which on a busy machine outlasts the click above: wait until it is done.
  const next = versionsOf(page, 'message').getByRole('button', { name: 'Next version of this message' });
  await expect(next).toBeEnabled();
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(said).toHaveText([/^First, a question about the moon/]);
  await page.reload();
  await expect(said).toHaveText([/^First, a question about the moon/]);
});
