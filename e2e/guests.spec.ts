import { expect, test, type Page } from '@playwright/test';
import {
  assistantMessages,
  expectAccessible,
  linkIn,
  mailTo,
  MEMBER_PASSWORD,
  sendMessage,
  signInAsGuest,
  signUpConfirmed,
  startChatWith,
} from './helpers';
import { ownServer } from './own-server';

const PHONE = { width: 390, height: 844 };
const freshEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** A guest with one conversation (a message and its reply); returns the chat's URL. */
async function guestWithAChat(page: Page, text: string): Promise<string> {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await sendMessage(page, text);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  return chatUrl;
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Conversations' });

for (const [label, viewport] of [
  ['desktop', null],
  ['mobile', PHONE],
] as const) {
  test(`on ${label}, a guest saves their account in place and finds their chat after signing in again`, async ({
    page,
  }) => {
    if (viewport) await page.setViewportSize(viewport);
    const said = `Remember the lighthouse, ${label}`;
    const chatUrl = await guestWithAChat(page, said);
    const chatPath = new URL(chatUrl).pathname;

    // The sidebar offers it (in the drawer on a phone).
    if (viewport) await page.getByRole('button', { name: 'Open conversations' }).click();
    await sidebar(page)
      .getByRole('link', { name: /Save your chats/ })
      .click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=/);
    await expect(page.getByRole('heading', { name: 'Save your account' })).toBeVisible();
    await expect(page).toHaveTitle(/Save your account/);
    await expectAccessible(page);

    // Sign-up's rules, every field at once.
    await page.getByLabel('Email').fill('not an address');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Save my account' }).click();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await expect(page.getByText('Passwords need at least 8 characters.')).toBeVisible();

    // An address that has an account already is said plainly, on the field.
    const taken = freshEmail('taken');
    expect(
      (await page.request.post('/api/v1/users', { data: { email: taken, password: MEMBER_PASSWORD } })).status(),
    ).toBe(202);
    await page.getByLabel('Email').fill(taken);
    await page.getByLabel('Password').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Save my account' }).click();
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription(
      'That email already has an account. Sign in to it instead, or use another address.',
    );

    const email = freshEmail(`saved-${label}`);
    await page.getByLabel('Name (optional)').fill('Mira');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Save my account' }).click();
    await expect(page.getByRole('heading', { name: 'Your account is saved' })).toBeFocused();
    await expect(page.getByText(email)).toBeVisible();
    await expectAccessible(page);

    // Still signed in, now as the account, back where they were: no guest offer any more.
    await page.getByRole('link', { name: 'Back to your chats' }).click();
    await expect(page).toHaveURL(chatUrl);
    await expect(page.locator('[data-role="user"]').first()).toContainText(said);
    await expect(sidebar(page).getByText(email)).toBeAttached();
    await expect(sidebar(page).getByRole('link', { name: /Save your chats/ })).toHaveCount(0);
    // Like sign-up, a link confirms the address.
    expect(linkIn(await mailTo(email, /Confirm your email/), '/verify-email')).toContain('token=');

    // An account signs out without the guest's warning, and signs back in to the same chats.
    if (viewport) await page.getByRole('button', { name: 'Open conversations' }).click();
    await sidebar(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    await signInWithPassword(page, email, MEMBER_PASSWORD);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Mira');
    await page.goto(chatPath);
    await expect(page.locator('[data-role="user"]').first()).toContainText(said);
  });
}

test('a guest who signs out is warned first, and can save the account instead (phone)', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const chatUrl = await guestWithAChat(page, 'Just passing through');
  const openDrawer = () => page.getByRole('button', { name: 'Open conversations' }).click();

  await openDrawer();
  await sidebar(page).getByRole('button', { name: 'Sign out' }).click();
  const warning = page.getByRole('dialog', { name: 'Sign out of this guest account?' });
  await expect(warning).toContainText('Signing out deletes this guest’s chats and memories for good');
  await expectAccessible(page);
  await warning.getByRole('button', { name: 'Keep chatting' }).click();
  await expect(warning).toBeHidden();

  // "Save your account" leads to the form.
  await sidebar(page).getByRole('button', { name: 'Sign out' }).click();
  await warning.getByRole('link', { name: 'Save your account' }).click();
  await expect(page.getByRole('heading', { name: 'Save your account' })).toBeVisible();

  // /signout opened by hand says the same before doing anything.
  await page.goto('/signout');
  await expect(page.getByRole('heading', { name: 'Sign out of this guest account?' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Keep chatting' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Good (morning|afternoon|evening)|Hello/);

  // "Sign out anyway" does, and the guest account goes with it: a link it shared stops working.
  const shared = await page.request.post('/api/v1/shares', { data: { conversation: chatUrl.split('/').pop() } });
  expect(shared.status()).toBe(201);
  const { url: sharedUrl } = (await shared.json()) as { url: string };
  expect((await page.request.get(sharedUrl)).status()).toBe(200);
  await openDrawer();
  await sidebar(page).getByRole('button', { name: 'Sign out' }).click();
  await warning.getByRole('button', { name: 'Sign out anyway' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('button', { name: 'Continue as guest' })).toBeVisible();
  expect((await page.request.get(sharedUrl)).status()).toBe(404);
});

// A server of its own: guests may send 2 messages an hour (as in e2e/rate-limit.spec.ts), and an
// admin of its own disables an account.
test.describe('on a server with a low guest cap and an admin of its own', () => {
  const ADMIN = 'admin@guests.e2e.hearth.local';
  const port = Number(process.env.E2E_PORT ?? 3210);
  const baseURL = ownServer('guests', 9, {
    OFFLINE_MODEL_FIRST_TOKEN_MS: '50',
    OFFLINE_MODEL_WORD_MS: '10',
    RATE_LIMIT_MESSAGES_PER_HOUR_GUEST: '2',
    RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
    ADMIN_EMAILS: ADMIN,
    // The shared mail catcher (playwright.config.ts), with links to this server.
    SMTP_URL: `smtp://127.0.0.1:${port + 120}`,
    MAIL_FROM: 'Hearth <hello@e2e.hearth.local>',
    NEXTAUTH_URL: `http://127.0.0.1:${port + 9}`,
  });

  test('a guest stopped by the message cap is offered an account, and Send waits for the time given', async ({
    page,
  }) => {
    await signInAsGuest(page);
    const chatUrl = await startChatWith(page);
    for (let i = 1; i <= 2; i++) {
      await sendMessage(page, `Message number ${i}`);
      await expect(assistantMessages(page).nth(i)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    }
    await sendMessage(page, 'One message too many');
    await expect(page.getByTestId('rate-limit-notice')).toContainText('You’ve sent a lot of messages this hour');
    // The text is back in the composer, and Send stays off (Enter too) until the time the notice gives.
    const composer = page.getByRole('textbox', { name: /^Message / });
    await expect(composer).toHaveValue('One message too many');
    await expect(page.getByRole('button', { name: 'Send message' })).toBeDisabled();
    await composer.press('Enter');
    await expect(composer).toHaveValue('One message too many');
    await expect(page.locator('[data-role="user"]')).toHaveCount(2);

    const offer = page.getByRole('status').getByRole('link', { name: 'Create an account' });
    await expect(offer).toBeVisible();
    await expectAccessible(page);
    await offer.click();
    await expect(page.getByRole('heading', { name: 'Save your account' })).toBeVisible();
    await page.getByLabel('Email').fill(freshEmail('capped'));
    await page.getByLabel('Password').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Save my account' }).click();
    await expect(page.getByRole('heading', { name: 'Your account is saved' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to your chats' }).click();
    await expect(page).toHaveURL(chatUrl);
    // An account's hourly cap is higher than a guest's: the same person sends on.
    await sendMessage(page, 'Now with an account');
    await expect(assistantMessages(page).nth(3)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  });

  test('a disabled account is told so with its right password, and only then', async ({ page, browser }) => {
    // The member, signed up as a person does.
    const member = freshEmail('member');
    const memberPage = await (await browser.newContext({ baseURL })).newPage();
    const created = await memberPage.request.post('/api/v1/users', {
      data: { email: member, password: MEMBER_PASSWORD, name: 'Nell' },
    });
    expect(created.status()).toBe(202);

    // The admin: ADMIN_EMAILS makes the address admin once it is confirmed.
    await signUpConfirmed(page, ADMIN);
    await signInWithPassword(page, ADMIN, MEMBER_PASSWORD);
    await expect(page).not.toHaveURL(/\/signin/);
    await page.goto('/admin/users');
    await page.getByRole('row').filter({ hasText: member }).getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByRole('row').filter({ hasText: member }).getByText('Disabled')).toBeVisible();

    // A wrong password learns nothing; the right one is told the account is disabled.
    await signInWithPassword(memberPage, member, 'not the password at all');
    await expect(memberPage.locator('form').getByRole('alert')).toHaveText(
      'That email and password do not match an account.',
    );
    await signInWithPassword(memberPage, member, MEMBER_PASSWORD);
    await expect(memberPage.locator('form').getByRole('alert')).toHaveText(/^This account has been disabled\./);
    await expect(memberPage).toHaveURL(/\/signin/);
  });
});
