import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, sendMessage, signInAsMember, signInVerified, startChatWith } from './helpers';

// playwright.config.ts lists this address in ADMIN_EMAILS. In the `alone` project: the counts are
// everyone's, so no other spec may rate a reply while this one compares them.
const ADMIN_EMAIL = 'ratings-admin@e2e.hearth.local';

/** Thumbs up shown on the dashboard for a companion (0 without a row), and the sum over every model. */
async function thumbsUp(page: Page, companion: string): Promise<{ companion: number; models: number }> {
  await page.goto('/admin');
  const byCompanion = page.getByRole('region', { name: 'Ratings by companion' });
  const byModel = page.getByRole('region', { name: 'Ratings by model' });
  await expect(byCompanion).toBeVisible();
  const upOf = async (row: ReturnType<Page['getByRole']>) => Number(await row.getByRole('cell').first().innerText());
  const companionRow = byCompanion.getByRole('row', { name: new RegExp(`^${companion}`) });
  const modelRows = await byModel.getByTestId('rating-row').all();
  return {
    companion: (await companionRow.count()) ? await upOf(companionRow) : 0,
    models: (await Promise.all(modelRows.map(upOf))).reduce((a, b) => a + b, 0),
  };
}

test("an admin sees a person's thumbs up in the analytics, per companion and per model, and in the CSV", async ({
  page,
  browser,
}) => {
  await signInVerified(page, 'Rae Admin', ADMIN_EMAIL);
  const before = await thumbsUp(page, 'Hana');

  const person = await (await browser.newContext()).newPage();
  await signInAsMember(person, 'Kit');
  await startChatWith(person, /^Hana/);
  await sendMessage(person, 'What is a good tea for the evening?');
  const reply = assistantMessages(person).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const saved = person.waitForResponse((response) => 'next-action' in response.request().headers());
  await reply.getByRole('button', { name: 'Good reply' }).click();
  await saved;
  await expect(reply.getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'true');

  expect(await thumbsUp(page, 'Hana')).toEqual({ companion: before.companion + 1, models: before.models + 1 });
  await expect(
    page
      .getByRole('region', { name: 'Ratings by companion' })
      .getByRole('row', { name: /^Hana/ })
      .getByRole('cell')
      .last(),
  ).toHaveText(/^\d+%$/);

  const csv = await (await page.request.get('/api/admin/analytics?format=csv')).text();
  expect(csv).toContain('# Ratings by companion');
  expect(csv).toMatch(new RegExp(`\\r\\nHana,${before.companion + 1},\\d+,[01]\\.\\d{4}\\r\\n`));
});
