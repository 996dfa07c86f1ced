import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, signInVerified, shot } from './helpers';

// Real-world cards, used where they are (their licences do not let us copy them into the repo).
const FIXTURES = process.env.CARD_FIXTURES_DIR ?? path.resolve(__dirname, '../../shared/fixtures/cards');
const MELINA = path.join(FIXTURES, 'v2_png_melina.png');
const CHARX = path.join(FIXTURES, 'v3_charx_synthetic_small.charx');
// playwright.config.ts lists this address in ADMIN_EMAILS.
const ADMIN_EMAIL = 'cards-admin@e2e.hearth.local';

const importInput = (page: Page) => page.locator('#card-file');
const personasLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Personas' });

/** Full-page shots, and with `focus` a viewport shot scrolled to it (the admin layout scrolls inside its main column). */
async function shoot(page: Page, name: string, focus?: Locator) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: width!, height: height! });
      await shot(page, `${name}-${width}-${scheme}`, { fullPage: true });
      if (focus) {
        await focus.scrollIntoViewIfNeeded();
        await shot(page, `${name}-${width}-${scheme}-detail`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

// Eight screenshots per page shot (light, dark, two widths, full and detail) take a while on 2 cores.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.skip(!existsSync(MELINA), `the shared card fixtures are not in ${FIXTURES}`);

test('an admin imports Melina: the W++ definition stays private, the avatar is small, publishing works', async ({
  page,
}) => {
  await signInVerified(page, 'Casey Cards', ADMIN_EMAIL);
  await page.goto('/admin');

  // The setup checklist names what is configured, with the settings (admins only).
  const checklist = page.locator('details').filter({ hasText: 'Setup checklist' });
  await expect(checklist).toBeVisible();
  // Folded when nothing needs attention (as here); one click opens it.
  if (!(await checklist.evaluate((d) => (d as HTMLDetailsElement).open))) await checklist.locator('summary').click();
  await expect(checklist.getByText('Text models')).toBeVisible();
  await expect(checklist).toContainText('Text models');
  await expect(checklist).toContainText('GOOGLE_GENERATIVE_AI_API_KEY');
  await expect(checklist).toContainText('OPENROUTER_API_KEY');
  // The e2e server has OpenAI (a loopback server) and nothing for pictures but OpenAI either.
  await expect(checklist).toContainText('Companions answer with OpenAI');
  await expectAccessible(page);
  await shoot(page, 'admin-dashboard');

  await personasLink(page).click();
  await expect(page.getByRole('heading', { name: 'Personas' })).toBeVisible();
  // The hidden file input has a label (review D28: axe critical before).
  await expect(importInput(page)).toHaveAccessibleName(/Character card file/);
  await expectAccessible(page);

  // A file that is not a card: one sentence, no repeated file name (review D21).
  await importInput(page).setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  const alert = page.getByRole('alert').filter({ hasText: 'character card' });
  await expect(alert).toHaveText('This file is not a character card: choose a card saved as PNG or JSON.');
  if (existsSync(CHARX)) {
    await importInput(page).setInputFiles(CHARX);
    await expect(page.getByRole('alert').filter({ hasText: 'CHARX' })).toHaveText(
      /^CHARX cards cannot be imported yet: export the card as PNG or JSON/,
    );
  }

  await importInput(page).setInputFiles(MELINA);
  await page.waitForURL(/\/admin\/personas\/[0-9a-f-]{36}\?imported=1$/);
  await expect(page.getByText('Imported as a draft.')).toBeVisible();
  await expect(page.getByLabel('System instructions')).toHaveValue(/^\[character\("Melina"\)/);
  await expect(page.getByLabel('Tagline')).toHaveValue('Melina from Elden Ring');
  await expect(page.getByLabel('Description')).toHaveValue('');
  // The card's tags are kept privately, not turned into specialties (picker chips).
  await expect(page.getByText(/The card's own tags, kept private.*Video Game/)).toBeVisible();
  await shoot(page, 'studio-after-import', page.getByLabel('System instructions'));

  // The avatar is the card's picture, resized to WebP: not the 470 kB card PNG (review D23).
  const src = (await page.getByRole('img', { name: 'Portrait of Melina' }).getAttribute('src'))!;
  const avatar = await page.request.get(src);
  expect(avatar.headers()['content-type']).toBe('image/webp');
  expect((await avatar.body()).byteLength).toBeLessThan(readFileSync(MELINA).byteLength / 4);

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Saved as version 2.')).toBeVisible();
  const slug = await page.getByLabel('Slug').inputValue();

  // Everyone's companion page: the tagline, never the W++ definition (review D4).
  await page.goto(`/companions/${slug}`);
  await expect(page.getByRole('heading', { name: 'Melina', level: 1 })).toBeVisible();
  await expect(page.getByText('Melina from Elden Ring').first()).toBeVisible();
  const body = await page.locator('body').innerText();
  expect(body).not.toMatch(/character\("Melina"\)|Personality\("|\{\{char\}\}/);
  // Nor do the card's tags become chips in the picker.
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Companions' }).getByRole('link', { name: /^Melina/ })).toBeVisible();
  await expect(page.getByText('Video Game', { exact: true })).toHaveCount(0);
});

test('publishing without system instructions is refused inline; archiving asks in the app', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Casey');
  await page.goto('/admin/personas');

  const card = { spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Blank Slate', first_mes: 'Hello.' } };
  await importInput(page).setInputFiles({
    name: 'blank.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(card)),
  });
  await page.waitForURL(/\/admin\/personas\/[0-9a-f-]{36}\?imported=1$/);
  await page.getByRole('button', { name: 'Publish' }).click();
  const instructions = page.getByLabel('System instructions');
  await expect(instructions).toHaveAttribute('aria-invalid', 'true');
  await expect(instructions).toBeFocused();
  await expect(page.getByText('Add system instructions before publishing').first()).toBeVisible();
  await expect(page.getByText('Draft', { exact: true }).first()).toBeVisible();

  // The list's quick Publish goes through the same server rule.
  await personasLink(page).click();
  const row = page.getByRole('row').filter({ hasText: 'Blank Slate' });
  await row.getByRole('button', { name: 'Publish Blank Slate' }).click();
  await expect(row.getByRole('alert')).toHaveText(/Add system instructions before publishing/);

  // Row actions are one line of named icon buttons, and the version cell does not wrap (review D35).
  const buttons = row.getByRole('button');
  await expect(buttons).toHaveCount(3);
  const tops = await buttons.evaluateAll((list) => list.map((b) => Math.round(b.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  const version = row.getByText(/^v\d+ · /);
  const lines = await version.evaluate((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);

  // Archive asks in the app's own dialog, not the browser's (review D36).
  let nativeDialog = false;
  page.on('dialog', (dialog) => {
    nativeDialog = true;
    void dialog.dismiss();
  });
  await row.getByRole('button', { name: 'Archive Blank Slate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Archive Blank Slate?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Archive Blank Slate' }).click();
  await dialog.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Blank Slate' })).toHaveCount(0);
  expect(nativeDialog).toBe(false);

  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(
    page.getByRole('row').filter({ hasText: 'Melina' }).getByRole('button', { name: 'Duplicate Melina' }),
  ).toBeInViewport();
  await expectAccessible(page);
  await shoot(page, 'admin-personas');
});
