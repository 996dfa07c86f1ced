import { expect, test } from '@playwright/test';
import { assistantMessages, sendMessage, signInAsGuest, startChatWith } from './helpers';

// The shared e2e server draws with OpenAI's image API on the loopback fake, which answers
// "[fail:NNN]" in the prompt with that error: the companion must not promise a picture that failed.
test('a picture that could not be made is said as failed, and none is shown', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await sendMessage(page, 'Please draw me a picture of a lighthouse [fail:500]');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(reply).toContainText("I tried to make you a picture, but it didn't work this time");
  await expect(reply).not.toContainText("Here's a little picture");
  await expect(reply.getByRole('img')).toHaveCount(0);
  // What the provider said stays in the server's log.
  await expect(reply).not.toContainText(/status 500|server_error|api key/i);

  await page.reload();
  await expect(assistantMessages(page).nth(1)).toContainText(
    "I tried to make you a picture, but it didn't work this time",
  );
  await expect(assistantMessages(page).nth(1).getByRole('img')).toHaveCount(0);
});
