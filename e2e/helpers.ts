import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export async function signInAsGuest(page: Page) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue as guest' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Good (morning|afternoon|evening)|Hello/);
}

/** The password of the accounts the specs sign up: one zxcvbn accepts. */
export const MEMBER_PASSWORD = 'correct horse battery';

/**
 * A new signed-up account, signed in on this page's browser context (API keys are for accounts,
 * not guests): made through the API, signed in as next-auth's client does, then the home page.
 */
export async function signInAsMember(page: Page, name = 'Member'): Promise<{ email: string }> {
  const email = `member-${crypto.randomUUID()}@example.com`;
  const created = await page.request.post('/api/v1/users', { data: { email, password: MEMBER_PASSWORD, name } });
  expect(created.status()).toBe(202);
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const signedIn = await page.request.post('/api/auth/callback/credentials', {
    form: { email, password: MEMBER_PASSWORD, csrfToken, json: 'true' },
  });
  expect(signedIn.ok()).toBe(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  return { email };
}

/** Opens a chat with a companion from the picker (the first one unless named), one click on its card; returns the chat URL it will have. */
export async function startChatWith(page: Page, name?: string | RegExp): Promise<string> {
  await page
    .getByRole('list', { name: 'Companions' })
    .getByRole('link', name ? { name } : undefined)
    .first()
    .click();
  return openedDraft(page);
}

/**
 * After "Start chat": the draft chat is open (nothing is written until the first message). Returns
 * the address the conversation will have, /chat/{id}, which the first message gives the page.
 */
export async function openedDraft(page: Page): Promise<string> {
  await page.waitForURL(/\/chat\/new\?.*draft=/);
  const id = await page.locator('[data-conversation]').getAttribute('data-conversation');
  return new URL(`/chat/${id}`, page.url()).toString();
}

/** Types a message into the chat's composer and sends it with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill(text);
  await composer.press('Enter');
}

export function assistantMessages(page: Page) {
  return page.locator('[data-role="assistant"]');
}

/** The current page's serious and critical axe violations, each as "rule: the elements". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** No serious or critical accessibility violations on the current page. */
export async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

// playwright.config.ts starts a mail catcher (scripts/dev-mail.ts) beside the server; its
// /messages.json is the inbox every address shares.
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const MAIL_CATCHER = `http://127.0.0.1:${PORT + 121}`;
export const FAKE_OAUTH = `http://127.0.0.1:${PORT + 122}`;

type CaughtMail = { to: string[]; subject: string; text: string; links: string[] };

/** The newest message to this address whose subject matches, waiting for it to arrive. */
export async function mailTo(
  email: string,
  subject: RegExp,
  { after = 0 }: { after?: number } = {},
): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        const mails = ((await (await fetch(`${MAIL_CATCHER}/messages.json`)).json()) as CaughtMail[]).slice(after);
        found = mails.reverse().find((m) => m.to.includes(email.toLowerCase()) && subject.test(m.subject));
        return Boolean(found);
      },
      { message: `a mail to ${email} matching ${subject}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** How many messages the catcher holds: pass it as `after` to wait for a newer one. */
export async function mailCount(): Promise<number> {
  return ((await (await fetch(`${MAIL_CATCHER}/messages.json`)).json()) as unknown[]).length;
}

/** The link in a message that leads to this path of the app. */
export function linkIn(mail: CaughtMail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path);
  expect(link, `a link to ${path} in: ${mail.text}`).toBeTruthy();
  return link!;
}

export const PASSWORD = 'correct horse battery';

/** Signs up as a person does and follows the emailed link; the page is left on "Your email is confirmed". */
export async function signUpConfirmed(page: Page, email: string, name?: string): Promise<void> {
  await page.goto('/signup');
  if (name) await page.getByLabel('Name (optional)').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await page.goto(linkIn(await mailTo(email, /Confirm your email/), '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
}

/**
 * A new account signed in on the page with its address confirmed, made the way a person does: sign
 * up, open the link from the email, confirm, sign in. Returns its address.
 */
export async function signInVerified(
  page: Page,
  name = 'Robin',
  email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`,
): Promise<string> {
  await signUpConfirmed(page, email, name);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Good (morning|afternoon|evening)|Hello/);
  return email;
}

/** A confirmed account in a context of its own, and an API key it made: `request` plus the key is the API caller. */
export async function verifiedUserWithKey(
  browser: Browser,
  keyName = 'e2e',
): Promise<{ page: Page; auth: { authorization: string }; key: string }> {
  const page = await (await browser.newContext()).newPage();
  await signInVerified(page);
  const created = await page.request.post('/api/v1/api-keys', { data: { name: keyName } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  return { page, auth: { authorization: `Bearer ${key}` }, key };
}

/**
 * A picture for a person to look at, taken only when SHOTS_DIR names a folder (never in CI):
 * `<SHOTS_DIR>/<name>.png`. The colours ease between themes, so it waits for them to settle.
 */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const folder = process.env.SHOTS_DIR;
  if (!folder) return;
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(folder, `${name}.png`), ...options });
}
