import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { signInAsGuest, startChatWith } from './helpers';

// A conversation of 300 messages (written straight into the database) opens with the newest 50
// in the page, loads older ones as the person scrolls up, says so when a page cannot load (with
// Retry), and stops at the start. Loading the chat page takes the request quota: past it, a
// friendly page, not a 500. A server of its own on a fresh PostgreSQL database (so the test can
// write into it), with a low request quota for guests. Needs E2E_POSTGRES_ADMIN_URL, as
// e2e/instances.spec.ts does.
const ADMIN_URL = process.env.E2E_POSTGRES_ADMIN_URL;
const PORT = Number(process.env.E2E_PORT ?? 3210) + 7;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATABASE = `hearth_e2e_long_${process.pid}`;
const GUEST_REQUESTS_PER_MINUTE = 40;
const SEEDED = 300;

test.skip(!ADMIN_URL, 'Set E2E_POSTGRES_ADMIN_URL to seed a long conversation in PostgreSQL.');
test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE_URL });

let server: ChildProcess | undefined;

function databaseUrl(): string {
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  await sql(ADMIN_URL!, `drop database if exists ${DATABASE} with (force)`);
  await sql(ADMIN_URL!, `create database ${DATABASE}`);
  server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      REDIS_URL: '',
      NEXTAUTH_SECRET: 'long-conversation-spec-secret',
      RATE_LIMIT_REQUESTS_PER_MINUTE_GUEST: String(GUEST_REQUESTS_PER_MINUTE),
      RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
      RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (await fetch(`${BASE_URL}/signin`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The long-conversation spec's server did not start on port ${PORT}`);
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  await new Promise((resolve) => (server && server.exitCode === null ? server.once('exit', resolve) : resolve(null)));
  if (ADMIN_URL) await sql(ADMIN_URL, `drop database if exists ${DATABASE} with (force)`);
});

/** 300 messages after the greeting, in order, as if the two had talked for weeks. */
async function seed(conversationId: string): Promise<void> {
  await sql(
    databaseUrl(),
    `insert into hearth.messages (conversation_id, user_id, role, parts, status)
     select c.id, c.user_id, case when i % 2 = 1 then 'user' else 'assistant' end,
            jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Seeded message ' || i)), 'complete'
       from hearth.conversations c, generate_series(1, $2::int) i where c.id = $1 order by i`,
    [conversationId, SEEDED],
  );
}

const bubbles = (page: Page) => page.locator('[data-role="user"], [data-role="assistant"]');
const scroller = (page: Page) => page.getByRole('log').locator('xpath=..');
const scrollToTop = (page: Page) => scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));

test('the newest 50 are in the page; scrolling up loads 50 more at a time, steady, with Retry, until the start', async ({ page, context }) => {
  test.setTimeout(90_000);
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await seed(new URL(chatUrl).pathname.split('/').at(-1)!);
  await page.reload();

  await expect(bubbles(page)).toHaveCount(50);
  await expect(bubbles(page).first()).toContainText('Seeded message 251');
  await expect(bubbles(page).last()).toContainText(`Seeded message ${SEEDED}`);
  await expect(page.getByText('Seeded message 250', { exact: true })).toHaveCount(0);

  // To the top: the 50 before join, and the message that was at the top stays in view.
  await scrollToTop(page);
  await expect(bubbles(page)).toHaveCount(100);
  await expect(bubbles(page).first()).toContainText('Seeded message 201');
  const steady = await page.getByText('Seeded message 251', { exact: true }).evaluate((el) => {
    const view = el.closest('.overflow-y-auto')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return { inView: box.top >= view.top - 1 && box.bottom <= view.bottom + 1, scrollTop: el.closest('.overflow-y-auto')!.scrollTop };
  });
  expect(steady.inView).toBe(true);
  expect(steady.scrollTop).toBeGreaterThan(500);

  // A page that cannot load says so, and Retry loads it.
  await context.setOffline(true);
  await scrollToTop(page);
  const failed = page.getByRole('alert').filter({ hasText: /earlier messages could not be loaded|Something went wrong/ });
  await expect(failed).toBeVisible();
  await context.setOffline(false);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(bubbles(page)).toHaveCount(150);

  // On to the start: the greeting is first, and nothing more is asked for.
  for (let shown = 150; shown < SEEDED + 1; shown = Math.min(shown + 50, SEEDED + 1)) {
    await scrollToTop(page);
    await expect(bubbles(page)).toHaveCount(Math.min(shown + 50, SEEDED + 1));
  }
  await expect(bubbles(page).nth(1)).toContainText('Seeded message 1');
  await expect(page.getByRole('button', { name: 'Load earlier messages' })).toHaveCount(0);
  await expect(page.getByText('Loading earlier messages…')).toHaveCount(0);
});

test('loading the chat page past the request quota shows a friendly page, not a 500', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  let answer = { status: 0, body: '' };
  for (let i = 0; i <= GUEST_REQUESTS_PER_MINUTE && !answer.body.includes('take a breath'); i++) {
    const response = await page.request.get(chatUrl);
    answer = { status: response.status(), body: await response.text() };
    expect(answer.status).toBeLessThan(500);
  }
  expect(answer.body).toContain('take a breath');
  await page.goto(chatUrl);
  await expect(page.getByRole('heading', { name: 'Let’s take a breath' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', new URL(chatUrl).pathname);
});
