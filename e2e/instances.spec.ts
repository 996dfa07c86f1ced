import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { assistantMessages, sendMessage, signInAsGuest, startChatWith } from './helpers';

// Two servers on one PostgreSQL and one Redis, as several Vercel instances are: both start at once
// on an empty database, a reply written by A resumes on B after a reload, Stop pressed on B stops
// A's reply, and the quotas are counted once for both. Needs E2E_POSTGRES_ADMIN_URL (a superuser,
// to make a fresh database) and E2E_REDIS_URL; CI sets both (and POOLER_PORT: through PgBouncer).
const ADMIN_URL = process.env.E2E_POSTGRES_ADMIN_URL;
const REDIS_URL = process.env.E2E_REDIS_URL;
const BASE = Number(process.env.E2E_PORT ?? 3210);
const PORTS = [BASE + 5, BASE + 6] as const;
const [A, B] = PORTS.map((port) => `http://127.0.0.1:${port}`) as [string, string];
const GUEST_MESSAGES_PER_HOUR = 4;
const DATABASE = `hearth_e2e_instances_${process.pid}`;

test.skip(
  !ADMIN_URL || !REDIS_URL,
  'Set E2E_POSTGRES_ADMIN_URL and E2E_REDIS_URL to run two instances on one database.',
);
test.describe.configure({ mode: 'serial' });
test.use({ baseURL: A });

const servers: ChildProcess[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${DATABASE}`;
  if (process.env.POOLER_PORT) url.port = process.env.POOLER_PORT;
  return url.toString();
}

async function untilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/signin`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not start`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await admin(async (c) => {
    await c.query(`drop database if exists ${DATABASE} with (force)`);
    await c.query(`create database ${DATABASE}`);
  });
  for (const port of PORTS) {
    servers.push(
      spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl(),
          REDIS_URL,
          NEXTAUTH_SECRET: 'two-instances-share-this-secret',
          // Slow enough that a reply is still being written when the other instance is asked.
          OFFLINE_MODEL_FIRST_TOKEN_MS: '200',
          OFFLINE_MODEL_WORD_MS: '150',
          RATE_LIMIT_MESSAGES_PER_HOUR_GUEST: String(GUEST_MESSAGES_PER_HOUR),
          RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
          RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      }),
    );
  }
  const deadline = Date.now() + 150_000;
  await Promise.all([untilUp(A, deadline), untilUp(B, deadline)]);
});

test.afterAll(async () => {
  for (const server of servers) if (server.pid) process.kill(-server.pid, 'SIGTERM');
  await Promise.all(
    servers.map(
      (server) => new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve))),
    ),
  );
  await admin((c) => c.query(`drop database if exists ${DATABASE} with (force)`));
});

const wordsIn = async (reply: Locator) =>
  ((await reply.textContent()) ?? '').trim().split(/\s+/).filter(Boolean).length;

/** A guest's chat on A, with a reply being written there; returns the chat's path. */
async function replyBeingWrittenOnA(page: Page): Promise<string> {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await sendMessage(page, 'Tell me about the places you would like to visit, at length.');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect.poll(() => wordsIn(reply)).toBeGreaterThan(2);
  return new URL(chatUrl).pathname;
}

test('both started at once on an empty database, each migration applied once', async () => {
  const counts = await admin(async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      return (
        await client.query<{ n: number }>(
          'select count(*)::int as n from supabase_migrations.schema_migrations group by version having count(*) > 1',
        )
      ).rows;
    } finally {
      await client.end();
    }
  });
  expect(counts).toEqual([]);
  for (const url of [A, B]) expect((await fetch(`${url}/api/health`)).status).toBe(200);
});

test('a reply written on A resumes on B after a reload, and ends as it was saved', async ({ page }) => {
  test.setTimeout(90_000);
  const path = await replyBeingWrittenOnA(page);
  const partial = ((await assistantMessages(page).nth(1).textContent()) ?? '').trim();

  // The same browser (one session cookie for the host) now reaches the other instance.
  await page.goto(`${B}${path}`);
  const reply = assistantMessages(page).nth(1);
  await expect.poll(async () => ((await reply.textContent()) ?? '').trim().startsWith(partial)).toBe(true);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  // Markdown shows as plain text until the renderer's chunk has loaded; compare the rendered text.
  const rendered = async () => ((await reply.textContent()) ?? '').trim();
  await expect.poll(async () => (await rendered()).includes('**')).toBe(false);
  const shown = await rendered();
  expect(shown.length).toBeGreaterThan(partial.length);

  await page.goto(`${A}${path}`);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete');
  await expect.poll(rendered).toBe(shown);
});

test('Stop pressed on B stops the reply A is writing', async ({ page }) => {
  test.setTimeout(90_000);
  const path = await replyBeingWrittenOnA(page);
  await page.goto(`${B}${path}`);
  const reply = assistantMessages(page).nth(1);
  await expect.poll(() => wordsIn(reply)).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Stop reply' }).click();
  await expect(reply).toHaveAttribute('data-status', 'aborted');

  // A saved it as stopped, and writes nothing more.
  await page.goto(`${A}${path}`);
  const saved = assistantMessages(page).nth(1);
  await expect(saved).toHaveAttribute('data-status', 'aborted', { timeout: 10_000 });
  const stoppedAt = await wordsIn(saved);
  await page.waitForTimeout(1500);
  await page.reload();
  expect(await wordsIn(assistantMessages(page).nth(1))).toBe(stoppedAt);
});

test('the message quota is counted once for both instances', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  const path = new URL(chatUrl).pathname;
  const sendAndFinish = async (base: string, n: number) => {
    // The first message, on A, is sent from the draft the picker opened: it creates the conversation.
    if (n > 1) await page.goto(`${base}${path}`);
    await sendMessage(page, `Message number ${n}.`);
    await expect(assistantMessages(page).nth(n)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  };
  // Half the quota on each instance...
  for (let n = 1; n <= GUEST_MESSAGES_PER_HOUR; n++) await sendAndFinish(n % 2 ? A : B, n);
  // ...and the next one is refused, whichever instance it reaches.
  for (const base of [A, B]) {
    await page.goto(`${base}${path}`);
    await sendMessage(page, 'One more?');
    await expect(page.getByText(/you can send more at/i)).toBeVisible();
  }
  await context.close();
});
