import { expect, test, type Page } from '@playwright/test';
import {
  expectAccessible,
  FAKE_OAUTH,
  linkIn,
  mailCount,
  mailTo,
  PASSWORD,
  signInAsGuest,
  signInVerified,
} from './helpers';

/**
 * Accounts you can trust, through the real pages and routes: a taken address at sign-up, the
 * security page (confirmation, password change, signing out elsewhere), "Forgot password", and
 * GitHub/Google sign-in through /api/auth/callback/* against the loopback provider
 * (scripts/fake-oauth.ts).
 */

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('signing up with a taken address looks the same as a new one; its owner is told by email', async ({ page }) => {
  const email = await signInVerified(page, 'Owner');
  await page.context().clearCookies();
  const before = await mailCount();
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('an intruder’s password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText(`We sent a message to ${email}.`)).toBeVisible();
  const note = await mailTo(email, /Someone tried to sign up/, { after: before });
  expect(note.text).toContain('but you already have one');
  await expectAccessible(page);
});

test('an unconfirmed account chats but cannot make keys until it confirms from Settings › Security', async ({
  page,
}) => {
  const email = `unconfirmed-${Date.now()}@example.com`;
  expect(
    (await page.request.post('/api/v1/users', { data: { email, password: PASSWORD, name: 'Una' } })).status(),
  ).toBe(202);
  const first = await mailTo(email, /Confirm your email/);
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Una');

  const refused = await page.request.post('/api/v1/api-keys', { data: { name: 'Too soon' } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({ type: 'permission_error', code: 'email_not_verified' });
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByText('Confirm your email address to create API keys.')).toBeVisible();

  await page.getByRole('link', { name: 'Go to Settings › Security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  await expect(page.getByText('Not confirmed yet')).toBeVisible();
  await expectAccessible(page);
  // A new link within the minute is refused kindly; an older message's link stops working once a new one is sent.
  await page.getByRole('button', { name: 'Send a new confirmation link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'less than a minute ago' })).toBeVisible();

  await page.goto(linkIn(first, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue to Hearth' }).click();
  await page.goto('/settings/security');
  await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();
  expect((await page.request.post('/api/v1/api-keys', { data: { name: 'Now' } })).status()).toBe(201);
});

test('a password change needs the current one and signs out the other browsers, not this one', async ({
  page,
  browser,
}) => {
  const email = await signInVerified(page, 'Changer');
  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(elsewhere, email, PASSWORD);
  await expect(elsewhere.getByRole('heading', { level: 1 })).toContainText('Changer');

  await page.goto('/settings/security');
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('an even better password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('That isn’t your current password.')).toBeVisible();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. Your other devices have been signed out.')).toBeVisible();
  await mailTo(email, /password was changed/);

  // This browser carries on.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Changer');
  // The other browser's cookie no longer works.
  await elsewhere.goto('/');
  await expect(elsewhere).toHaveURL(/\/signin/);
  await signIn(elsewhere, email, PASSWORD);
  await expect(elsewhere.getByText('That email and password do not match an account.')).toBeVisible();
  await signIn(elsewhere, email, 'an even better password');
  await expect(elsewhere.getByRole('heading', { level: 1 })).toContainText('Changer');
  await elsewhere.context().close();
});

test('forgot password: the same answer for any address, a link that works once, and straight back in', async ({
  page,
}) => {
  const email = await signInVerified(page, 'Forgetful');
  await page.context().clearCookies();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expectAccessible(page);

  const nobody = `nobody-${Date.now()}@example.com`;
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText(`If an account uses ${nobody}, we sent it a link`)).toBeVisible();

  await page.goto('/forgot-password');
  const before = await mailCount();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText(`If an account uses ${email}, we sent it a link`)).toBeVisible();
  const link = linkIn(await mailTo(email, /Reset your Hearth password/, { after: before }), '/reset-password');

  await page.goto(link);
  await page.getByLabel('New password').fill('my new secret phrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Forgetful');

  await page.context().clearCookies();
  await page.goto(link);
  await page.getByLabel('New password').fill('and yet another one');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { name: 'This link doesn’t work' })).toBeVisible();
  await signIn(page, email, 'my new secret phrase');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Forgetful');
});

async function nextOAuthUser(provider: 'github' | 'google', email: string, emailVerified = true) {
  const response = await fetch(`${FAKE_OAUTH}/__fake/next`, {
    method: 'POST',
    body: JSON.stringify({ provider, user: { id: String(Date.now()), name: 'Octo Cat', email, emailVerified } }),
  });
  expect(response.status).toBe(204);
}

test('GitHub and Google sign-in through the callback route: a new account, and no joining an unproven one', async ({
  page,
}) => {
  const email = `octo-${Date.now()}@example.com`;
  await nextOAuthUser('github', email);
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Octo');
  await page.goto('/settings/security');
  await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();
  await expect(page.getByText('You sign in with GitHub or Google, so this account has no password.')).toBeVisible();

  // Someone registers another person's address with a password; that person's Google sign-in is not joined to it.
  const victim = `victim-${Date.now()}@example.com`;
  const stranger = await page.context().browser()!.newContext();
  expect(
    (
      await stranger.request.post('/api/v1/users', { data: { email: victim, password: 'attacker’s password' } })
    ).status(),
  ).toBe(202);
  await stranger.close();
  await page.context().clearCookies();
  await nextOAuthUser('google', victim);
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(page).toHaveURL(/\/signin\?error=OAuthAccountNotLinked/);
  await expect(
    page.getByText('An account already uses this email address. Sign in with its password first'),
  ).toBeVisible();

  await nextOAuthUser('github', `unverified-${Date.now()}@example.com`, false);
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await expect(page.getByText('That account hasn’t verified its email address.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue as guest' })).toBeEnabled(); // hydrated: no half-faded buttons
  await expectAccessible(page);
});

test('guests still work, and the security page says what a guest has', async ({ page }) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Security' }).click();
  await expect(page.getByText('Guest accounts have no email address or password.')).toBeVisible();
  await expectAccessible(page);
});
