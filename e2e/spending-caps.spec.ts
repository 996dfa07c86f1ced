import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, signInAsGuest, startChatWith } from './helpers';

// A server of its own with a guest budget of 1 token a day: the first reply is answered (the check
// is "spent < budget" before a reply), and it spends more than that, so the next is refused.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 4;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.join(process.cwd(), '.data', 'e2e-spending-caps');

let server: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE_URL });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: {
      ...process.env,
      HEARTH_DATA_DIR: DATA_DIR,
      DATABASE_URL: '',
      REDIS_URL: '',
      OFFLINE_MODEL_FIRST_TOKEN_MS: '50',
      OFFLINE_MODEL_WORD_MS: '10',
      BUDGET_TOKENS_PER_DAY_GUEST: '1',
    },
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${BASE_URL}/signin`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The spending-caps spec's server did not start on port ${PORT}`);
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  await new Promise((resolve) => server?.once('exit', resolve) ?? resolve(null));
  rmSync(DATA_DIR, { recursive: true, force: true });
});

async function send(page: Page, text: string) {
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill(text);
  await composer.press('Enter');
}

test('past the day’s token budget the composer says so inline, and the API answers daily_budget', async ({ page }) => {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await send(page, 'Hello, how are you?');
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  await send(page, 'One more, please');
  const notice = page.getByTestId('rate-limit-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveText(/^You’ve used today’s allowance of replies — you can send more at .+\.$/);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(page.locator('[data-role="user"]')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: /^Message / })).toHaveValue('One more, please');

  const conversationId = chatUrl.split('/').pop()!;
  const viaApi = await page.request.post(`/api/v1/conversations/${conversationId}/messages`, { data: { content: 'And over the API?' } });
  expect(viaApi.status()).toBe(429);
  expect(Number(viaApi.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await viaApi.json()).error).toMatchObject({ type: 'rate_limit_error', code: 'daily_budget' });
});
