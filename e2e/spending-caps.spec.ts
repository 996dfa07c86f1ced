import { expect, test } from '@playwright/test';
import { assistantMessages, sendMessage, signInAsGuest, startChatWith } from './helpers';
import { ownServer } from './own-server';

// A server of its own with a guest budget of 1 token a day: the first reply is answered (the check
// is "spent < budget" before a reply), and it spends more than that, so the next is refused.
ownServer('spending-caps', 4, {
  OFFLINE_MODEL_FIRST_TOKEN_MS: '50',
  OFFLINE_MODEL_WORD_MS: '10',
  BUDGET_TOKENS_PER_DAY_GUEST: '1',
});

test('past the day’s token budget the composer says so inline, and the API answers daily_budget', async ({ page }) => {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await sendMessage(page, 'Hello, how are you?');
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  await sendMessage(page, 'One more, please');
  const notice = page.getByTestId('rate-limit-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveText(/^You’ve used today’s allowance of replies — you can send more at .+\.$/);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(page.locator('[data-role="user"]')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: /^Message / })).toHaveValue('One more, please');

  const conversationId = chatUrl.split('/').pop()!;
  const viaApi = await page.request.post(`/api/v1/conversations/${conversationId}/messages`, {
    data: { content: 'And over the API?' },
  });
  expect(viaApi.status()).toBe(429);
  expect(Number(viaApi.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await viaApi.json()).error).toMatchObject({ type: 'rate_limit_error', code: 'daily_budget' });
});
