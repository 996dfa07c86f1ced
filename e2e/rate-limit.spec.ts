import { expect, test } from '@playwright/test';
import { assistantMessages, expectAccessible, sendMessage, signInAsGuest, startChatWith } from './helpers';
import { ownServer } from './own-server';

// A server of its own with low limits, so that no other spec (which all share the configured
// server) can run into them: guests may send 2 messages an hour, and 3 guest sessions may start.
const GUEST_MESSAGES_PER_HOUR = 2;
const SIGN_UPS_PER_HOUR = 3;
ownServer('rate-limit', 3, {
  OFFLINE_MODEL_FIRST_TOKEN_MS: '50',
  OFFLINE_MODEL_WORD_MS: '10',
  RATE_LIMIT_MESSAGES_PER_HOUR_GUEST: String(GUEST_MESSAGES_PER_HOUR),
  RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: String(SIGN_UPS_PER_HOUR),
});

test('past the hourly message quota the composer says when more can be sent, and nothing is saved', async ({
  page,
}) => {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  const startedAt = Date.now();
  const replies = assistantMessages(page);
  for (let i = 1; i <= GUEST_MESSAGES_PER_HOUR; i++) {
    await sendMessage(page, `Message number ${i}`);
    await expect(replies.nth(i)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  }

  await sendMessage(page, 'One message too many');
  const notice = page.getByTestId('rate-limit-notice');
  await expect(notice).toBeVisible();
  // The time is the window's end (an hour after the first message), in the browser's own clock.
  const expected = await page.evaluate(
    (times) => times.map((t) => new Date(t).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })),
    [startedAt + 3_600_000, Date.now() + 3_600_000],
  );
  const text = await notice.innerText();
  expect(
    expected.some((time) => text === `You’ve sent a lot of messages this hour — you can send more at ${time}.`),
    `${text} (expected ${expected.join(' or ')})`,
  ).toBe(true);
  await expect(page.getByRole('status').filter({ has: notice })).toBeVisible();

  // Not a generic error, the message was not kept, and its text is back for later.
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(page.locator('[data-role="user"]')).toHaveCount(GUEST_MESSAGES_PER_HOUR);
  await expect(page.getByRole('textbox', { name: /^Message / })).toHaveValue('One message too many');
  await expectAccessible(page);

  await page.goto(chatUrl);
  await expect(page.locator('[data-role="user"]')).toHaveCount(GUEST_MESSAGES_PER_HOUR);
  await expect(assistantMessages(page)).toHaveCount(GUEST_MESSAGES_PER_HOUR + 1);

  // The REST API answers the same person with the 429 envelope and Retry-After.
  const conversationId = chatUrl.split('/').pop()!;
  const viaApi = await page.request.post(`/api/v1/conversations/${conversationId}/messages`, {
    data: { content: 'And over the API?' },
  });
  expect(viaApi.status()).toBe(429);
  expect(Number(viaApi.headers()['retry-after'])).toBeGreaterThan(3000);
  expect((await viaApi.json()).error).toMatchObject({ type: 'rate_limit_error', code: 'messages_per_hour' });
});

test('starting guest sessions is limited per client address, with a message that says why', async ({ browser }) => {
  // The first test started one guest session; the rest of the budget goes here.
  let started = 1;
  for (;;) {
    const page = await (await browser.newContext()).newPage();
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Continue as guest' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Too many new accounts' });
    const outcome = await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 20_000 }).then(() => 'started' as const),
      refused.waitFor({ timeout: 20_000 }).then(() => 'refused' as const),
    ]);
    if (outcome === 'refused') {
      await expect(refused).toHaveText(
        /^Too many new accounts on this server this hour \(at most 3\)\. Try again in (59|60) minutes\.$/,
      );
      await expect(page).toHaveURL(/\/signin/);
      break;
    }
    started += 1;
    expect(started).toBeLessThanOrEqual(SIGN_UPS_PER_HOUR);
    await page.context().close();
  }
  expect(started).toBe(SIGN_UPS_PER_HOUR);
});
