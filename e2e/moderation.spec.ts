import { expect, test } from '@playwright/test';
import { expectAccessible, signInVerified } from './helpers';

// The Community's reports and moderation (lib/companions/community.ts, lib/admin/moderation.ts).
// playwright.config.ts lists the moderator's address in ADMIN_EMAILS. The queue is everyone's, so
// the spec finds its own companion by a name no other spec has.

test('a person likes and reports a shared companion; a moderator hides it, and it leaves the Community', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // Two capitalised words, as the offline draft reads a name ("named Grifter Qoxbej").
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => String.fromCharCode(97 + (b % 26)));
  const name = `Grifter ${letters[0]!.toUpperCase()}${letters.slice(1).join('')}`;

  // Someone makes a companion for everyone.
  await signInVerified(page, 'Morgan Maker');
  await page.goto('/companions/new');
  await page
    .getByRole('textbox', { name: 'Describe your character' })
    .fill(`A market trader named ${name} who sells everything.`);
  await page.getByRole('button', { name: 'Draft the fields' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Drafted.' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(name);
  await expect(page.getByRole('textbox', { name: 'Who they are', exact: true })).toHaveValue(/^You are Grifter/);
  // A portrait drawn by the picture model (the offline sketcher here), uploaded like a picked file.
  await page.getByRole('button', { name: 'Draw a portrait' }).click();
  await expect(page.getByRole('img', { name: `Portrait of ${name}` })).toHaveAttribute('src', /^blob:/);
  await page.getByRole('radio', { name: 'Everyone' }).check();
  await page.getByRole('button', { name: 'Create companion' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('main').locator('img[src^="/api/avatars/"]').first()).toBeVisible();
  const companionUrl = new URL(page.url()).pathname;

  // Someone else likes it, then reports it.
  const reporter = await (await browser.newContext()).newPage();
  await signInVerified(reporter, 'Riley Reporter');
  await reporter.goto(companionUrl);
  const like = reporter.getByRole('button', { name: /^Like, 0 likes/ });
  await like.click();
  await expect(reporter.getByRole('button', { name: /^Like, 1 like$/ })).toHaveAttribute('aria-pressed', 'true');
  await reporter.getByRole('button', { name: 'Report' }).click();
  const dialog = reporter.getByRole('dialog', { name: `Report ${name}` });
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose what is wrong with this companion.');
  await dialog.getByRole('radio', { name: 'Spam or scam' }).check();
  await dialog.getByRole('textbox').fill('Every reply ends with a link to a shop.');
  await expectAccessible(reporter);
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(reporter.getByText('Thanks — an admin will take a look.')).toBeVisible();

  // The moderator sees the report first in the queue, and hides the companion.
  const moderator = await (await browser.newContext()).newPage();
  await signInVerified(moderator, 'Mo Derator', 'moderator@e2e.hearth.local');
  await moderator.goto('/admin/community?show=reported');
  const row = moderator.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('1 report');
  await expect(row).toContainText('Spam or scam');
  await expect(row).toContainText('Every reply ends with a link to a shop.');
  await expectAccessible(moderator);
  await row
    .getByRole('group', { name: `Moderate ${name}` })
    .getByRole('button', { name: 'Hide' })
    .click();
  // The action answers with the queue read again, where a hidden companion's report is closed: wait for
  // that before leaving the page (navigating away mid-action loses it).
  await expect(row).toHaveCount(0);
  await moderator.goto('/admin/community');
  const hidden = moderator.getByRole('row').filter({ hasText: name });
  await expect(hidden.getByRole('list', { name: 'Status' })).toContainText('Hidden');
  await expect(hidden).toContainText('No open reports');
  await moderator.goto('/admin/audit');
  await expect(moderator.getByRole('main')).toContainText('companion.hide');

  // Gone from the Community and closed to new people; its maker still has it.
  await reporter.goto(`/?q=${encodeURIComponent(name)}#community`);
  await expect(reporter.getByRole('region', { name: 'Community' })).toContainText('Nobody in the Community matches');
  const closed = await reporter.goto(companionUrl);
  expect(closed?.status()).toBe(404);
  await page.goto(companionUrl);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});
