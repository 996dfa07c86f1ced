import { expect, test, type Page } from '@playwright/test';
import {
  assistantMessages,
  expectAccessible,
  openedDraft,
  sendMessage,
  signInAsGuest,
  startChatWith,
  shot,
} from './helpers';

// The chat list (issue 18): search across conversations, pin and archive, day groups; a chat is
// written with its first message (review D14), one click from a picker card, "New chat" inside a
// chat keeps its companion (D40); and the picker's empty state, chips and search hint (D20, D29, D31).

const PHONE = { width: 390, height: 844 };

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Your conversations' });
const item = (page: Page, title: string | RegExp) => sidebar(page).getByRole('listitem').filter({ hasText: title });

/** Sends the first message of a draft and waits for the whole reply; returns the conversation's address. */
async function firstMessage(page: Page, text: string): Promise<string> {
  const address = await openedDraft(page);
  await sendMessage(page, text);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(page).toHaveURL(address);
  return address;
}

async function listAction(page: Page, title: string, action: string) {
  await item(page, title).hover();
  await page.getByRole('button', { name: `Options for “${title}”` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('a chat is written with its first message: leaving a draft leaves nothing, sending keeps the reply and gives the address', async ({
  page,
}) => {
  await signInAsGuest(page);
  // One click on a card opens the chat: its greeting and the composer, nothing written yet.
  await page.getByRole('list', { name: 'Companions' }).getByRole('link', { name: /^Wren/ }).click();
  await openedDraft(page);
  await expect(page).toHaveURL(/companion=wren/);
  await expect(assistantMessages(page)).toHaveCount(1);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Hearth home' }).click();
  await expect(sidebar(page)).toContainText('No conversations yet');
  const listed = await (await page.request.get('/api/v1/conversations')).json();
  expect(listed.data).toEqual([]);

  // The first message creates it; the reply streams on while the address becomes the chat's own.
  await startChatWith(page, /^Wren/);
  await sendMessage(page, 'Tell me about the places you would like to visit, at length.');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(item(page, 'Tell me about the places')).toBeVisible();
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const full = (await reply.textContent()) ?? '';
  await page.reload();
  await expect(assistantMessages(page).nth(1)).toHaveText(full);
  expect((await (await page.request.get('/api/v1/conversations')).json()).data).toHaveLength(1);

  // "New chat" inside a chat opens another with the same companion (D40); elsewhere, the picker.
  await page.getByRole('link', { name: 'New chat' }).click();
  await openedDraft(page);
  await expect(page).toHaveURL(/companion=wren/);
  await expect(page.locator('header').getByText('Wren', { exact: true })).toBeVisible();
  await page.goto('/settings/api-keys');
  await page.getByRole('link', { name: 'New chat' }).click();
  await expect(page).toHaveURL(/\/$/);
  // The profile is a click away on every card.
  await page.getByRole('link', { name: 'About Wren' }).click();
  await expect(page).toHaveURL(/\/companions\/wren$/);
});

test('search finds a word from an older conversation and opens it; pin, archive and unarchive; day groups', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsGuest(page);
  await startChatWith(page, /^Wren/);
  const older = await firstMessage(page, 'My grandmother kept a marmalade recipe in a tin box');
  await page.goto('/');
  await startChatWith(page, /^Ada/);
  await firstMessage(page, 'Can you explain recursion simply?');
  await page.goto('/');
  await startChatWith(page, /^Marcus/);
  await firstMessage(page, 'Plan a short workout for me');
  await expect(sidebar(page).getByRole('heading', { name: 'Today' })).toBeVisible();

  // Search: debounced, marks the match in a snippet, opens the conversation.
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await search.fill('marmal');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link')).toHaveCount(1);
  // The title is the first message: the word is marked there and in the snippet.
  await expect(results.locator('mark')).toHaveText(['marmalade', 'marmalade']);
  await expect(results).toContainText('Wren');
  await expectAccessible(page);
  await search.press('ArrowDown');
  await expect(results.getByRole('link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(older);
  await expect(page.locator('[data-role="user"]')).toContainText('marmalade recipe');
  await search.fill('zzqxv');
  await expect(sidebar(page).getByRole('status')).toHaveText('No conversations match “zzqxv”.');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(sidebar(page).getByRole('heading', { name: 'Today' })).toBeVisible();

  // Pin moves it into Pinned, above the day groups.
  await listAction(page, 'Can you explain recursion simply?', 'Pin');
  const pinned = sidebar(page).getByRole('list', { name: 'Pinned' });
  await expect(pinned.getByRole('link')).toHaveCount(1);
  await expect(pinned).toContainText('Can you explain recursion simply?');

  // Archive hides it from the list; the Archived view has it, and Unarchive brings it back.
  await listAction(page, 'Can you explain recursion simply?', 'Archive');
  await expect(item(page, 'Can you explain recursion simply?')).toHaveCount(0);
  await expect(sidebar(page).getByRole('heading', { name: 'Pinned' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Archived chats' }).click();
  const archived = sidebar(page).getByRole('list', { name: 'Archived conversations' });
  await expect(archived.getByRole('link')).toHaveCount(1);
  await expect(archived).toContainText('Can you explain recursion simply?');
  await expectAccessible(page);
  await listAction(page, 'Can you explain recursion simply?', 'Unarchive');
  await expect(sidebar(page)).toContainText('Nothing archived');
  await page.getByRole('button', { name: 'All chats' }).click();
  await expect(item(page, 'Can you explain recursion simply?')).toBeVisible();

  // Pictures of the sidebar: pinned and grouped, light and dark.
  await listAction(page, 'Plan a short workout for me', 'Pin');
  await expect(sidebar(page).getByRole('heading', { name: 'Pinned' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(400); // the colours' transitions end before the picture
    await shot(page, `sidebar-1280-${scheme}`);
    await search.fill('recur');
    await expect(page.getByRole('list', { name: 'Search results' }).locator('mark')).toHaveCount(2);
    await shot(page, `search-1280-${scheme}`);
    await search.fill('');
  }
});

test('on a phone the sidebar is a drawer with the search, and a result opens the chat', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(PHONE);
  await signInAsGuest(page);
  await startChatWith(page, /^Hana/);
  const first = await firstMessage(page, 'Breathing exercises before sleep');
  await page.getByRole('button', { name: 'Open conversations' }).first().click();
  await page.getByRole('link', { name: 'New chat' }).click();
  await openedDraft(page);
  await expect(page).toHaveURL(/companion=hana/);
  await firstMessage(page, 'Something for the morning');

  await page.getByRole('button', { name: 'Open conversations' }).first().click();
  await expect(sidebar(page).getByRole('heading', { name: 'Today' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(400); // the colours' transitions end before the picture
    await shot(page, `sidebar-390-${scheme}`);
  }
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('breath');
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(result).toHaveCount(1);
  await expectAccessible(page);
  await result.click();
  await expect(page).toHaveURL(first);
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).not.toBeInViewport();
});

test('the picker: chips shared by two or more, an empty state naming the chip, the search hint out of the way', async ({
  page,
}) => {
  await signInAsGuest(page);
  const cards = page.getByRole('list', { name: 'Companions' }).locator(':scope > li');
  const chips = page.getByRole('group', { name: 'Filter by specialty' }).getByRole('button');
  const names = (await chips.allInnerTexts()).filter((name) => name !== 'All');
  expect(names.length).toBeGreaterThan(1);
  expect(names.length).toBeLessThanOrEqual(8);
  for (const name of names) {
    await chips.filter({ hasText: new RegExp(`^${name}$`, 'i') }).click();
    expect(await cards.count(), name).toBeGreaterThanOrEqual(2);
  }
  await chips.filter({ hasText: /^All$/ }).click();

  // D30: every tagline is whole, none cut off with an ellipsis while its card has room.
  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    await page.setViewportSize(viewport);
    const clipped = await cards
      .locator('h3 + p')
      .evaluateAll((taglines) => taglines.filter((p) => p.scrollHeight > p.clientHeight + 1).map((p) => p.textContent));
    expect(clipped).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // D29: with text in the box, the Ctrl K hint gives way to the field's own clear button.
  const search = page.getByRole('searchbox', { name: 'Search companions' });
  await expect(page.locator('kbd', { hasText: 'Ctrl K' })).toBeVisible();
  await search.fill('ada');
  await expect(page.locator('kbd', { hasText: 'Ctrl K' })).toHaveCount(0);

  // D20: the empty state names the chip, and offers to search everyone.
  await chips.filter({ hasText: /^stories$/i }).click();
  await expect(page.getByText('Nobody in stories matches “ada”.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Search everyone for “ada”' }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Ada');
});
