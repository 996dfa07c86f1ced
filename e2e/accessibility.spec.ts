import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, sendMessage, signInVerified, startChatWith, assistantMessages } from './helpers';

// playwright.config.ts lists this address in ADMIN_EMAILS, so the sweep can reach the dashboard.
const SWEEP_ADMIN = 'a11y-admin@e2e.hearth.local';

// Both themes and both widths, paired to halve the time: contrast is what themes change, and a
// phone's layout (the drawer, the wrapped header) is what widths change.
const LOOKS = [
  { scheme: 'light', name: 'light desktop', viewport: { width: 1280, height: 800 } },
  { scheme: 'dark', name: 'dark mobile', viewport: { width: 390, height: 844 } },
] as const;

/**
 * Every serious or critical axe violation on these pages, and every page without a main landmark,
 * in one list, so a failure names all the pages at once instead of the first.
 */
async function problemsOn(page: Page, paths: string[], where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('load');
    if ((await page.locator('main, [role="main"]').count()) === 0) problems.push(`${where} ${path}: no <main>`);
    for (const violation of await seriousViolations(page)) problems.push(`${where} ${path}: ${violation}`);
  }
  return problems;
}

async function sweep(page: Page, paths: string[]) {
  const problems: string[] = [];
  for (const look of LOOKS) {
    await page.emulateMedia({ colorScheme: look.scheme });
    await page.setViewportSize(look.viewport);
    problems.push(...(await problemsOn(page, paths, look.name)));
  }
  expect(problems).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

test('every signed-out page passes axe in light on desktop and dark on a phone', async ({ page }) => {
  await sweep(page, ['/signin', '/signup', '/forgot-password']);
});

test('every signed-in and admin page passes axe in light on desktop and dark on a phone', async ({ page }) => {
  test.setTimeout(Number(process.env.SWEEP_TIMEOUT ?? 300_000));
  await signInVerified(page, 'Sweep', SWEEP_ADMIN);
  const chat = new URL(await startChatWith(page, /Wren/)).pathname;
  await sendMessage(page, 'Hello Wren, tell me about your garden.');
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
  const conversationId = chat.split('/').pop()!;
  const pages = [
    '/',
    '/chat/new?companion=wren',
    '/companions/wren',
    '/companions/wren/memory',
    chat,
    `/call/${conversationId}`,
    '/settings',
    '/settings/api-keys',
    '/settings/security',
    '/settings/storage',
    '/docs',
    '/admin',
    '/admin/personas',
    '/admin/personas/new',
    '/admin/community',
    '/admin/users',
    '/admin/audit',
    '/admin/jobs',
  ];
  await sweep(page, pages);
});
