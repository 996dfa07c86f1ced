import { expect, test } from '@playwright/test';
import { expectAccessible, MEMBER_PASSWORD, signInAsGuest, signInAsMember } from './helpers';

test('Settings lists where you are signed in; signing one out ends it there, and “sign out everywhere” ends them all', async ({
  page,
  browser,
}) => {
  const { email } = await signInAsMember(page, 'Sessions');
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const { csrfToken } = await (await otherPage.request.get('/api/auth/csrf')).json();
  await otherPage.request.post('/api/auth/callback/credentials', {
    form: { email, password: MEMBER_PASSWORD, csrfToken, json: 'true' },
  });
  await otherPage.goto('/');
  await expect(otherPage.getByRole('heading', { level: 1 })).toContainText('Sessions');

  await page.goto('/settings/security');
  const sessions = page.getByRole('list', { name: 'Sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByText('This browser')).toHaveCount(1);
  await expectAccessible(page);

  await sessions.getByRole('button', { name: /^Sign out / }).click();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await otherPage.goto('/');
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/signin/);
});

test('sign-up refuses a common password beside the field, saying why', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`weak-${crypto.randomUUID()}@example.com`);
  await page.getByLabel('Password').fill('12345678');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is a heavily used password.')).toBeVisible();
});

test('a guest is told API keys are for accounts instead of being offered one', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/settings/api-keys');
  await expect(page.getByText('API keys are for accounts, not guest sessions.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create key' })).toHaveCount(0);
  expect((await page.request.post('/api/v1/api-keys', { data: { name: 'Nope' } })).status()).toBe(403);
});
