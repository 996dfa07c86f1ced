import { expect, test } from '@playwright/test';
import { expectAccessible, mailTo, signInAsGuest, signInVerified } from './helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a key made in Settings calls the API as a bearer token until it is revoked there', async ({ page, request }) => {
  await signInVerified(page, 'Keymaker');
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByText('No API keys yet')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Give the key a name, like “Laptop script”.')).toBeVisible();
  await page.getByLabel('Key name').fill('E2E script');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('you won’t be able to see it again')).toBeVisible();
  await page.getByRole('button', { name: 'Copy key' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByLabel('Your new API key')).toHaveValue(key);
  await expectAccessible(page);

  const keys = page.getByRole('list', { name: 'API keys' });
  await expect(keys.getByRole('listitem')).toHaveCount(1);
  await expect(keys).toContainText(`${key.slice(0, 10)}…`);
  await expect(keys).toContainText('Never used');
  await page.getByRole('button', { name: 'Done, I’ve saved it' }).click();
  await expect(page.getByLabel('Your new API key')).toHaveCount(0);
  await expect(page.getByLabel('Key name')).toBeFocused();

  // `request` carries no cookies: the key alone is the caller.
  const auth = { authorization: `Bearer ${key}` };
  const started = await request.post('/api/v1/conversations', { headers: auth, data: { companion: 'lucia' } });
  expect(started.status()).toBe(201);
  const conversation = await started.json();
  expect(conversation.companion).toMatchObject({ slug: 'lucia' });
  const messages = await request.get(`/api/v1/conversations/${conversation.id}/messages`, { headers: auth });
  expect(messages.status()).toBe(200);
  expect((await messages.json()).data).toEqual([expect.objectContaining({ role: 'assistant', status: 'complete' })]);

  const listed = await (await request.get('/api/v1/api-keys', { headers: auth })).json();
  expect(listed.data).toEqual([
    {
      id: expect.any(String),
      name: 'E2E script',
      prefix: key.slice(0, 10),
      created_at: expect.any(String),
      last_used_at: expect.any(String),
    },
  ]);
  const minted = await request.post('/api/v1/api-keys', { headers: auth, data: { name: 'Another' } });
  expect(minted.status()).toBe(403);
  expect((await minted.json()).error.type).toBe('permission_error');

  await page.reload();
  await expect(keys).toContainText('Last used just now');
  await page.getByRole('button', { name: 'Revoke “E2E script”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this key?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByText('No API keys yet')).toBeVisible();

  const revoked = await request.get(`/api/v1/conversations/${conversation.id}/messages`, { headers: auth });
  expect(revoked.status()).toBe(401);
  expect(await revoked.json()).toEqual({ error: { type: 'authentication_error', message: expect.any(String) } });
});

test('a bad bearer key is refused even beside a valid session cookie', async ({ page }) => {
  await signInAsGuest(page);
  expect((await page.request.get('/api/v1/api-keys')).status()).toBe(200);
  const res = await page.request.get('/api/v1/api-keys', { headers: { authorization: 'Bearer hk_not-a-real-key' } });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.type).toBe('authentication_error');
  const malformed = await page.request.get('/api/v1/api-keys', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
  expect(malformed.status()).toBe(401);
});

test('keys over the API with a session: created once, validated, and revocable only by their owner', async ({
  page,
  browser,
}) => {
  await signInVerified(page, 'Cron');
  const created = await page.request.post('/api/v1/api-keys', { data: { name: '  Cron job  ' } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body).toEqual({
    id: expect.any(String),
    name: 'Cron job',
    key: expect.stringMatching(/^hk_/),
    prefix: body.key.slice(0, 10),
    created_at: expect.any(String),
  });

  const unnamed = await page.request.post('/api/v1/api-keys', { data: { name: '' } });
  expect(unnamed.status()).toBe(400);
  expect((await unnamed.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'name' });

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signInAsGuest(strangerPage);
  expect((await strangerPage.request.delete(`/api/v1/api-keys/${body.id}`)).status()).toBe(404);
  expect((await (await strangerPage.request.get('/api/v1/api-keys')).json()).data).toEqual([]);
  await stranger.close();

  expect((await page.request.delete(`/api/v1/api-keys/${body.id}`)).status()).toBe(204);
  const again = await page.request.delete(`/api/v1/api-keys/${body.id}`);
  expect(again.status()).toBe(404);
  expect((await again.json()).error.type).toBe('not_found_error');
});

test('accounts can be created without a browser', async ({ request }) => {
  const email = `api-${Date.now()}@example.com`;
  const created = await request.post('/api/v1/users', {
    data: { email, password: 'correct horse battery', name: 'Ada' },
  });
  expect(created.status()).toBe(202);
  const answer = await created.json();
  expect(answer).toEqual({ email, message: expect.stringContaining('If this address was free') });
  await mailTo(email, /Confirm your email/);

  // A taken address gets the very same answer; its owner gets an email instead.
  const duplicate = await request.post('/api/v1/users', {
    data: { email: email.toUpperCase(), password: 'another long one' },
  });
  expect(duplicate.status()).toBe(202);
  expect(await duplicate.json()).toEqual(answer);
  await mailTo(email, /Someone tried to sign up/);

  const short = await request.post('/api/v1/users', { data: { email: `short-${email}`, password: 'short' } });
  expect(short.status()).toBe(400);
  expect(await short.json()).toEqual({
    error: { type: 'invalid_request_error', message: 'Passwords need at least 8 characters.', param: 'password' },
  });

  const notJson = await request.post('/api/v1/users', {
    headers: { 'content-type': 'application/json' },
    data: '{"email":',
  });
  expect(notJson.status()).toBe(400);
});
