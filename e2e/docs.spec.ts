import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers';

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

test('the OpenAPI document is served publicly', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ openapi: '3.1.1', paths: { '/api/v1/models': { get: {} } } });
});
