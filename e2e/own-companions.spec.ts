import { expect, test, type Page } from '@playwright/test';
import { encodePng } from '../lib/uploads/png.ts';
import {
  assistantMessages,
  expectAccessible,
  openedDraft,
  sendMessage,
  shot,
  signInAsGuest,
  signInAsMember,
  signInVerified,
} from './helpers';

// People's own companions (lib/companions/own.ts): made in the creator at /companions/new, shared
// with nobody, a link or everyone, found in the Community on the home page, edited and removed.

/** A name no other spec (or run) has: the Community is shared by every spec on this server. */
const uniqueName = (first: string) => `${first} ${crypto.randomUUID().slice(0, 6)}`;

/**
 * Light and dark, wide and narrow, of the whole page (only with SHOTS_DIR set): the app scrolls
 * inside its main column, so the window is made as tall as that column for the picture.
 */
async function shots(page: Page, name: string) {
  if (!process.env.SHOTS_DIR) return;
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    const tall = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
    await page.setViewportSize({ width, height: Math.min(Math.max(height, tall + 80), 5000) });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await shot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 720 });
}

const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test('a verified person makes a companion for everyone; another finds it, talks with it; the maker edits and removes it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const name = uniqueName('Juniper');
  await signInVerified(page, 'Robin Maker');

  // Home invites them to make their first.
  const yours = page.getByRole('region', { name: 'Your companions' });
  await expect(yours).toContainText('Make someone of your own');
  await shots(page, 'own-home-empty');
  await yours.getByRole('link', { name: 'Create a companion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a companion' })).toBeVisible();
  await expect(page).toHaveTitle('Create a companion · Hearth');
  await expectAccessible(page);

  // Nothing filled in: the two required fields say so, and the first takes the focus.
  await page.getByRole('button', { name: 'Create companion' }).click();
  await expect(field(page, 'Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'Name')).toBeFocused();
  await expect(page.getByText('A name is required.')).toBeVisible();
  await expect(field(page, 'Who they are')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Describe who they are: the model speaks from this.')).toBeVisible();

  await field(page, 'Name').fill(name);
  await field(page, 'Tagline').fill('A retired lighthouse keeper with a story for every storm');
  await field(page, 'About them').fill('Forty years on the rocks at Fairhaven, and still up before the gulls.');
  await page.getByRole('textbox', { name: 'Tags' }).fill('stories');
  await page.getByRole('textbox', { name: 'Tags' }).press('Enter');
  await page.getByRole('textbox', { name: 'Tags' }).fill('the sea');
  await page.getByRole('textbox', { name: 'Tags' }).press('Enter');
  await field(page, 'Who they are').fill(
    `You are ${name}, a retired lighthouse keeper. You are patient, dry-witted and kind, and you love a good storm.`,
  );
  await field(page, 'Personality').fill('warm, curious, teases gently');
  await field(page, 'Scenario').fill('A rainy evening in the lighthouse kitchen.');
  await field(page, 'Greeting').fill('Come in out of the rain. Tea’s on. What brings you up the hill tonight?');
  await field(page, 'Example dialogue').fill('{{user}}: Lonely out here?\n{{char}}: I have the gulls.');
  await page.getByRole('checkbox', { name: 'Español' }).check();
  await page.getByRole('combobox', { name: 'Voice' }).selectOption('warm');
  await page.getByRole('radio', { name: 'Teal' }).check();
  // A picture of any shape: cropped to a square in the browser, previewed, and sent with the form.
  const picture = Buffer.from(encodePng(600, 400, (x, y) => [20 + (x % 200), 120 + (y % 100), 140, 255]));
  await page
    .getByLabel('Upload a picture')
    .setInputFiles({ name: 'juniper.png', mimeType: 'image/png', buffer: picture });
  await expect(page.getByRole('img', { name: `Portrait of ${name}` })).toHaveAttribute('src', /^blob:/);
  // Shared with everyone; no NSFW label.
  await page.getByRole('radio', { name: 'Everyone' }).check();
  await expect(page.getByRole('checkbox', { name: 'For adults only (NSFW)' })).not.toBeChecked();
  await expectAccessible(page);
  await shots(page, 'own-create-filled');

  await page.getByRole('button', { name: 'Create companion' }).click();
  await page.waitForURL(/\/companions\/[0-9a-f-]{36}\?created=1$/);
  const id = new URL(page.url()).pathname.split('/')[2]!;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `${name} is ready` })).toBeVisible();
  await expect(page.getByText('Yours · Everyone')).toBeVisible();
  await expect(page.getByRole('img', { name: `Portrait of ${name}` })).toHaveAttribute(
    'src',
    new RegExp(`^/api/avatars/${id}\\?v=`),
  );
  await expectAccessible(page);
  await shots(page, 'own-companion-page');

  // Home lists it among theirs, with the editor in its corner.
  await page.goto('/');
  await expect(
    yours.getByRole('list', { name: 'Made by you' }).getByRole('link', { name: `Edit ${name}` }),
  ).toBeVisible();
  await shots(page, 'own-home-yours');

  // Someone else finds it in the Community by searching, opens it and talks with it.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInVerified(other, 'Sam Seeker');
  const community = other.getByRole('region', { name: 'Community' });
  await community.getByRole('searchbox', { name: 'Search the Community' }).fill(name);
  await community.getByRole('searchbox', { name: 'Search the Community' }).press('Enter');
  await expect(other).toHaveURL(/\/\?q=Juniper/);
  const found = community.getByRole('list', { name: 'Community' }).locator(':scope > li');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(name);
  await expect(found).toContainText('by Robin Maker');
  await expect(found).toContainText('No chats yet');
  await expectAccessible(other);
  await shots(other, 'own-community-search');
  await found.getByRole('link', { name: `About ${name}` }).click();
  await expect(other.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(other.getByRole('link', { name: `Edit ${name}` })).toHaveCount(0);
  await other.getByRole('link', { name: `Start chat with ${name}` }).click();
  const chatUrl = await openedDraft(other);
  await expect(assistantMessages(other).first()).toContainText('Come in out of the rain.');
  await sendMessage(other, 'Good evening! What was your wildest storm?');
  await expect(assistantMessages(other).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(other).toHaveURL(chatUrl);
  // The Community counts the conversation.
  await other.goto(`/?q=${encodeURIComponent(name)}`);
  await expect(found).toContainText('1 chat');

  // The maker edits it: the form is filled in, the link is the id's, Save keeps the change.
  await page.goto(`/companions/${id}`);
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(field(page, 'Name')).toHaveValue(name);
  await expect(page.getByRole('radio', { name: 'Everyone' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Español' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: `Link to ${name}` })).toHaveValue(
    new URL(`/companions/${id}`, page.url()).href,
  );
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await expectAccessible(page);
  await shots(page, 'own-edit');
  await field(page, 'Tagline').fill('Keeper of the Fairhaven light, and of its stories');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(field(page, 'Tagline')).toHaveValue('Keeper of the Fairhaven light, and of its stories');

  // ...and removes it, after a confirmation: gone from home and the Community; the other's chat stays.
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.waitForURL(/\/\?removed=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your companion was removed.' })).toBeVisible();
  await expect(yours).toContainText('Make someone of your own');
  await other.goto(`/?q=${encodeURIComponent(name)}`);
  await expect(community).toContainText(`Nobody in the Community matches “${name}”`);
  await other.goto(chatUrl);
  await expect(assistantMessages(other)).toHaveCount(2);
  await otherContext.close();
});

test('a guest makes a private companion and sees why it cannot be shared with everyone', async ({ page }) => {
  const name = uniqueName('Pim');
  await signInAsGuest(page);
  await page.goto('/companions/new');
  await expect(page.getByRole('radio', { name: 'Only me' })).toBeChecked();
  const everyone = page.getByRole('radio', { name: 'Everyone' });
  await expect(everyone).toBeDisabled();
  await expect(page.getByRole('radio', { name: 'Anyone with the link' })).toBeDisabled();
  await expect(everyone).toHaveAccessibleDescription(/Guests keep their companions to themselves/);
  await expect(page.getByRole('main').getByRole('link', { name: 'Create an account' })).toHaveAttribute(
    'href',
    '/signup?callbackUrl=%2Fcompanions%2Fnew',
  );
  await expectAccessible(page);

  await field(page, 'Name').fill(name);
  await field(page, 'Who they are').fill(`You are ${name}, a cheerful gardener who talks to tomatoes.`);
  await page.getByRole('button', { name: 'Create companion' }).click();
  await page.waitForURL(/\/companions\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByText('Yours · Only me')).toBeVisible();

  // Theirs at home; nobody else's Community shows it.
  await page.goto('/');
  const mine = page.getByRole('list', { name: 'Made by you' });
  await expect(mine.locator(':scope > li').filter({ hasText: name })).toContainText('Only me');
  await expect(page.getByRole('list', { name: 'Community' }).getByText(name)).toHaveCount(0);
  // The card opens a chat with it.
  await mine.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await openedDraft(page);
});

test('a character card becomes a private companion and opens in its editor', async ({ page }) => {
  const name = uniqueName('Wren');
  // An account whose email is not confirmed yet: its companions stay private too, and it is told why.
  await signInAsMember(page, 'Casey');
  await page.goto('/companions/new');
  await expect(page.getByText('confirm your email address first')).toBeVisible();

  const input = page.getByLabel('Import a character card');
  await input.setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert').filter({ hasText: 'character card' })).toHaveText(
    'This file is not a character card: choose a card saved as PNG or JSON.',
  );

  const card = {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name,
      description: `${name} is a night-owl librarian who recommends exactly one book per conversation.`,
      personality: 'quiet, precise, secretly funny',
      scenario: 'The library after closing time.',
      first_mes: 'Shh. The library is closed, but I will make an exception. Looking for something?',
      mes_example: '{{user}}: Any ideas?\n{{char}}: One. Always one.',
      creator_notes: 'A librarian for late readers.',
      tags: ['books', 'night'],
      creator: 'e2e',
      character_version: '1',
      alternate_greetings: [],
      system_prompt: '',
      post_history_instructions: '',
      extensions: {},
    },
  };
  await input.setInputFiles({
    name: 'wren.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(card)),
  });
  await page.waitForURL(/\/companions\/[0-9a-f-]{36}\/edit\?imported=1$/);
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Imported from the card' })).toBeVisible();
  await expect(field(page, 'Name')).toHaveValue(name);
  await expect(field(page, 'Who they are')).toHaveValue(/night-owl librarian/);
  await expect(field(page, 'Greeting')).toHaveValue(/The library is closed/);
  await expect(page.getByRole('radio', { name: 'Only me' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Everyone' })).toBeDisabled();
  // Private: no link to share.
  await expect(page.getByRole('textbox', { name: `Link to ${name}` })).toHaveCount(0);
  await expectAccessible(page);
  await shots(page, 'own-imported');
});
