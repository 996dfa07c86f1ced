import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { assistantMessages, expectAccessible, sendMessage, signInAsMember, startChatWith } from './helpers';

// Sharing a conversation by link and exporting it (issue 18): the ⋯ menu of the chat header, the
// public /share/<token> page for someone not signed in, turning a link off, and the account's zip.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = '/work/shots/share-export';
mkdirSync(SHOTS, { recursive: true });

async function shoot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: false });
  }
  await page.emulateMedia({ colorScheme: null });
}

/** A member in a chat with the first message answered; returns what they said. */
async function chatWithOneExchange(page: Page, said: string) {
  await signInAsMember(page, 'Quillon');
  await startChatWith(page);
  await sendMessage(page, said);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
}

function menuButton(page: Page) {
  return page.getByRole('button', { name: 'More: share, download, about you' });
}

/** Opens the menu, makes a link in the share dialog, and returns its address. */
async function createLink(page: Page): Promise<string> {
  await menuButton(page).click();
  await page.getByRole('menuitem', { name: 'Share a link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this conversation' });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByRole('textbox', { name: 'Shared link' });
  await expect(field).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  return field.inputValue();
}

/** A browser with no session at all, at the given size. */
async function signedOutPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

test('downloads the conversation as Markdown and as JSON from the chat menu', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await chatWithOneExchange(page, 'What does the quokka eat for breakfast?');
  await menuButton(page).click();
  await expect(page.getByRole('menu', { name: 'Conversation' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Share a link…' })).toBeFocused();
  await shoot(page, 'menu-1280');
  // Arrow keys move through the menu; Escape closes it and gives focus back.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Download as Markdown' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(menuButton(page)).toBeFocused();

  await menuButton(page).click();
  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Download as Markdown' }).click(),
  ]);
  expect(markdown.suggestedFilename()).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.md$/);
  const text = await readFile(await markdown.path(), 'utf8');
  expect(text).toMatch(/^# /);
  expect(text).toContain('### You\n');
  expect(text).toContain('What does the quokka eat for breakfast?');

  await menuButton(page).click();
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Download as JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as {
    conversation: { id: string };
    messages: { role: string; content: string; status: string }[];
  };
  expect(page.url()).toContain(exported.conversation.id);
  expect(exported.messages.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant']);
  expect(exported.messages[1]!.content).toBe('What does the quokka eat for breakfast?');
  expect(exported.messages[2]!.status).toBe('complete');
});

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`shares a copy by link, opens it signed out, and turns it off (${label})`, async ({ page, browser }) => {
    test.setTimeout(150_000); // two replies, two browsers and eight screenshots
    await page.setViewportSize(viewport);
    await chatWithOneExchange(page, `Keep this between us and the ${label} reader`);
    if (label === 'phone') {
      await menuButton(page).click();
      await shoot(page, 'menu-390');
      await page.keyboard.press('Escape');
    }
    const memoryLink = page.getByRole('link', { name: /^What .+ remembers about you$/ });
    const companion = /^What (.+) remembers about you$/.exec((await memoryLink.getAttribute('aria-label'))!)![1]!;
    const url = await createLink(page);
    await shoot(page, `share-dialog-${viewport.width}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    // Said after sharing: must never reach the link.
    await sendMessage(page, 'A later walrus secret');
    await expect(assistantMessages(page).nth(2)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

    const reader = await signedOutPage(browser, viewport);
    const response = await reader.goto(url);
    expect(response?.status()).toBe(200);
    expect(new URL(reader.url()).pathname).toMatch(/^\/share\//);
    await expect(reader.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(reader.getByText(companion, { exact: true }).first()).toBeVisible();
    await expect(reader.getByRole('img', { name: companion })).toBeVisible();
    const messages = reader.getByRole('list', { name: 'Messages' });
    await expect(messages.getByText(`Keep this between us and the ${label} reader`)).toBeVisible();
    await expect(messages.locator('[data-role="user"]').first()).toContainText('You');
    await expect(reader.getByText('A later walrus secret')).toHaveCount(0);
    await expect(reader.getByText('Quillon')).toHaveCount(0);
    expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(reader);
    await shoot(reader, `share-page-${viewport.width}`);

    // Turned off from the menu: the same address now says so, with a 404.
    await menuButton(page).click();
    await page.getByRole('menuitem', { name: 'Share a link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this conversation' });
    await expect(dialog.getByRole('textbox', { name: 'Shared link' })).toHaveValue(url);
    await dialog.getByRole('button', { name: 'Turn off this link' }).click();
    await page
      .getByRole('dialog', { name: 'Turn off this link?' })
      .getByRole('button', { name: 'Turn off link' })
      .click();
    await expect(dialog.getByRole('textbox', { name: 'Shared link' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Create link' })).toBeVisible();

    const gone = await reader.goto(url);
    expect(gone?.status()).toBe(404);
    await expect(reader.getByRole('heading', { level: 1, name: 'This link was turned off' })).toBeVisible();
    await expect(reader.getByText(`Keep this between us`)).toHaveCount(0);
    await expectAccessible(reader);
    await shoot(reader, `share-turned-off-${viewport.width}`);
    await reader.context().close();
  });
}

test('downloads all of the account’s data as a zip with the conversation in it', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await chatWithOneExchange(page, 'Remember the lighthouse keeper');
  const chatId = new URL(page.url()).pathname.split('/').pop()!;
  // The settings page's ExportDataButton is this link (components/settings/export-data-button.tsx).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => {
      const link = Object.assign(document.createElement('a'), { href: '/api/v1/users/me/export', download: '' });
      document.body.append(link);
      link.click();
    }),
  ]);
  expect(download.suggestedFilename()).toMatch(/^hearth-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile(await download.path())));
  const names = Object.keys(files);
  expect(names).toEqual(expect.arrayContaining(['README.txt', 'account.json', 'memories.json', 'uploads.json']));
  const markdown = names.find((n) => n.startsWith('conversations/') && n.endsWith(`${chatId.slice(0, 8)}.md`));
  expect(markdown, names.join(', ')).toBeTruthy();
  expect(strFromU8(files[markdown!]!)).toContain('Remember the lighthouse keeper');
  expect(JSON.parse(strFromU8(files['account.json']!))).toMatchObject({ name: 'Quillon' });
});
