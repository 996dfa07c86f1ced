import { expect, test } from '@playwright/test';
import { linkIn, mailTo } from './helpers';

test('sign up with email and password, sign out, and sign back in', async ({ page }) => {
  const email = `maya-${Date.now()}@example.com`;
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('link', { name: 'Create an account' }).click();

  await page.getByLabel('Name (optional)').fill('Maya');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Passwords need at least 8 characters.')).toBeVisible();

  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  // Never signed in straight away: that would tell a new address from a taken one.
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await page.goto(linkIn(await mailTo(email, /Confirm your email/), '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Maya');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.waitForLoadState('networkidle'); // sign-out reloads the page; wait for it to be interactive

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong password!');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();

  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Maya');
});

test('signed-out visitors are sent to sign in, and API calls get a JSON 401', async ({ page, request }) => {
  await page.goto('/chat/7d5e2c8a-4f0b-4a7e-9d61-3b2a1c0e9f88');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fchat%2F/);
  const res = await request.post('/api/chat', {
    data: { action: 'send', conversationId: '7d5e2c8a-4f0b-4a7e-9d61-3b2a1c0e9f88', text: 'hi' },
  });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { type: 'authentication_error', message: 'Sign in to chat.' } });
});

test('sign-up says everything that is wrong at once, and creates nothing (review D11)', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('abc12');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Passwords need at least 8 characters.')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});
