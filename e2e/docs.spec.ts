import { expect, test } from '@playwright/test';
import { expectAccessible, signInAsGuest, signInVerified } from './helpers';

test('the API reference opens signed out, lists the endpoints and tries one', async ({ page }) => {
  await page.goto('/docs');
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Hearth REST API' })).toBeVisible();
  for (const name of ['/api/v1/models', '/api/v1/conversations/{id}/messages', '/api/v1/chat/completions']) {
    await expect(page.getByRole('heading', { level: 3, name }).first()).toBeVisible();
  }
  await expectAccessible(page);

  const models = page.locator('#listModels');
  await models.getByRole('button', { name: 'Try it' }).click();
  await models.getByRole('button', { name: 'Send request' }).click();
  await expect(models.getByRole('status')).toContainText('200');
  await expect(models.getByLabel('Response body')).toContainText('"context_window"');
  await expectAccessible(page);
});

test('try-it without a session shows the API error envelope', async ({ page }) => {
  await page.goto('/docs');
  const companions = page.locator('#listCompanions');
  await companions.getByRole('button', { name: 'Try it' }).click();
  await companions.getByRole('button', { name: 'Send request' }).click();
  await expect(companions.getByRole('status')).toContainText('401');
  await expect(companions.getByLabel('Response body')).toContainText('authentication_error');
});

test('the reference is accessible in dark mode on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/docs');
  await expect(
    page.getByRole('navigation', { name: 'Endpoints' }).getByRole('link', { name: 'Messages' }),
  ).toBeVisible();
  await expectAccessible(page);
});

test('try-it shows a streamed reply as it arrives, with the session cookie', async ({ page }) => {
  await signInAsGuest(page);
  const companions = await (await page.request.get('/api/v1/companions')).json();
  const created = await page.request.post('/api/v1/conversations', { data: { companion: companions.data[0].slug } });
  const { id } = await created.json();

  await page.goto('/docs');
  const postMessage = page.locator('#postMessage');
  await postMessage.getByRole('button', { name: 'Try it' }).click();
  await postMessage.getByLabel(/^id/).fill(id);
  await postMessage
    .getByLabel('Request body (JSON)')
    .fill(JSON.stringify({ content: 'Tell me a story', stream: true }));
  await postMessage.getByRole('button', { name: 'Send request' }).click();
  await expect(postMessage.getByRole('status')).toContainText('receiving');
  await expect(postMessage.getByLabel('Response body')).toContainText('content_block_delta');
  await expect(postMessage.getByRole('status')).not.toContainText('receiving');
  await expect(postMessage.getByLabel('Response body')).toContainText('event: message_stop');
});

test('try-it sends a pasted API key, kept for the tab only', async ({ page, context }) => {
  await signInVerified(page);
  const { key } = await (await page.request.post('/api/v1/api-keys', { data: { name: 'Docs' } })).json();
  await context.clearCookies();

  await page.goto('/docs');
  await page.getByLabel('API key for “Try it”').fill(key);
  await page.reload();
  await expect(page.getByLabel('API key for “Try it”')).toHaveValue(key);
  const companions = page.locator('#listCompanions');
  await companions.getByRole('button', { name: 'Try it' }).click();
  await expect(companions.getByText('Sends your API key.')).toBeVisible();
  await companions.getByRole('button', { name: 'Send request' }).click();
  await expect(companions.getByRole('status')).toContainText('200');
  await expect(companions.getByLabel('Response body')).toContainText('"slug"');
});

test('the OpenAPI document is served publicly', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ openapi: '3.1.1', paths: { '/api/v1/models': { get: {} } } });
});
