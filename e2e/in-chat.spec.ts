import { expect, test, type Page } from '@playwright/test';
import { wavFile } from '../lib/testing/media.ts';
import { assistantMessages, expectAccessible, sendMessage, signInAsGuest, startChatWith } from './helpers';

// Issue 18 ("In the chat") and review defects D12, D13, D22, D24, D37, D38.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Uncaught errors in the page (a hydration mismatch is one: React error #418). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });

test('the chat has a main landmark, a heading, a skip link to the composer, and the composer focused', async ({
  page,
}) => {
  const errors = pageErrors(page);
  await signInAsGuest(page);
  await startChatWith(page);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\S/);
  await expect(composer(page)).toBeFocused();

  // The skip link is the page's first stop for Tab, is seen when focused, and lands in the message box.
  await page.reload();
  await expect(composer(page)).toBeFocused();
  const firstStop = await page.evaluate(
    () =>
      document.querySelector<HTMLElement>('a[href], button, input, textarea, select, [tabindex]:not([tabindex="-1"])')
        ?.textContent,
  );
  expect(firstStop).toBe('Skip to message box');
  const skip = page.getByRole('link', { name: 'Skip to message box' });
  await skip.focus();
  await expect(skip).toBeVisible();
  expect((await skip.boundingBox())!.width).toBeGreaterThan(50);
  await page.keyboard.press('Enter');
  await expect(composer(page)).toBeFocused();
  await expectAccessible(page);

  // The picker too: no hydration error on either page, over a few loads.
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await expect(assistantMessages(page).first()).toBeVisible();
  }
  await page.goto('/');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Companions' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('messages show a day divider and their time, and sit close together (D37)', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await sendMessage(page, 'hello there');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  await expect(page.getByTestId('day-divider')).toHaveText('Today');
  await expect(page.getByTestId('day-divider')).toHaveCount(1);

  // One Tab stop per message on the way to the composer (review D24), whatever actions it has.
  const stops = await page
    .getByRole('log')
    .evaluate(
      (log) =>
        [...log.querySelectorAll<HTMLElement>('a[href], button, select, textarea, input, [tabindex]')].filter(
          (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled,
        ).length,
    );
  expect(stops).toBe(3);
  const time = reply.getByTestId('message-time');
  await reply.hover();
  await expect(time).toBeVisible();
  await expect(time).toHaveAttribute('data-time', /^\d{1,2}:\d{2}\s(AM|PM)$/);
  // Drawn from the attribute: the reply's text stays what was said.
  expect(await reply.textContent()).not.toMatch(/\d:\d{2}\s(AM|PM)/);
  await expect(time).toHaveAttribute('title', /\d{4} at /);

  // The actions take no room between bubbles with a mouse: the gap is the list's, not a hidden row's.
  // (Measured from the bubble itself: the old hidden row sat inside the message, under its bubble.)
  const mine = page.locator('[data-role="user"]').last();
  const bubble = (await mine.getByText('hello there').boundingBox())!;
  const next = (await reply.boundingBox())!;
  expect(next.y - (bubble.y + bubble.height)).toBeLessThan(30);
  // ...and showing them (hover) moves nothing.
  const before = (await reply.boundingBox())!.y;
  await mine.hover();
  await expect(mine.getByRole('button', { name: 'Copy message' })).toBeVisible();
  expect((await reply.boundingBox())!.y).toBe(before);
});

test('a reply with code shows a highlighted block whose Copy puts the code on the clipboard', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await sendMessage(page, 'Could you show me some Python code?');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const block = reply.getByTestId('code-block');
  await expect(block).toContainText('python');
  await expect(block.locator('.hljs-keyword').first()).toHaveText('def');
  await block.getByRole('button', { name: 'Copy code' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    'def greet(name: str) -> str:\n    return f"Hello, {name}! Lovely to see you."\n\nprint(greet("friend"))',
  );
  await expectAccessible(page);
});

test('a picture opens large in a dialog with Download, Esc closes it and focus returns (D22)', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await sendMessage(page, 'Please draw me a picture of a lighthouse');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await page.reload();
  const thumbnail = assistantMessages(page)
    .nth(1)
    .getByRole('button', { name: /^Open larger: Picture: .*lighthouse/ });
  await expect(thumbnail.getByRole('img', { name: /lighthouse/ })).toBeVisible();
  const width = (await thumbnail.boundingBox())!.width;
  expect(width).toBeGreaterThanOrEqual(250);

  await thumbnail.click();
  const dialog = page.getByRole('dialog', { name: /lighthouse/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('img', { name: /lighthouse/ })).toBeVisible();
  const download = dialog.getByRole('link', { name: 'Download' });
  await expect(download).toHaveAttribute('href', /\/api\/v1\/uploads\/[0-9a-f-]{36}\/content$/);
  await expect(download).toHaveAttribute('download', /lighthouse.*\.png$/);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(thumbnail).toBeFocused();
});

test('a voice note plays in the app’s own player (D38)', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await page
    .getByTestId('file-input')
    .setInputFiles([{ name: 'hello.wav', mimeType: 'audio/wav', buffer: Buffer.from(wavFile(5)) }]);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await composer(page).press('Enter');
  const player = page.locator('[data-role="user"]').last().getByRole('group', { name: 'Your voice note' });
  await expect(player).toBeVisible();
  await expect(player.getByText('0:05')).toBeVisible();
  await player.getByRole('button', { name: 'Play voice note' }).click();
  await expect(player.getByRole('button', { name: 'Pause voice note' })).toBeVisible();
  await expect
    .poll(() => player.locator('audio').evaluate((audio: HTMLAudioElement) => audio.currentTime))
    .toBeGreaterThan(0);
  await player.getByRole('button', { name: 'Pause voice note' }).click();
  await expect(player.getByRole('button', { name: 'Play voice note' })).toBeVisible();
  await expect(player.getByRole('slider', { name: 'Position' })).toHaveAttribute('aria-valuetext', /^0:0\d of 0:05$/);
});

test('a reply is read aloud by the server’s voice, and the button stops it', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  // A draft's greeting is not stored until the first message (the browser's voice reads it then):
  // after one message the reply is the server's to read.
  await sendMessage(page, 'Tell me something nice.');
  // The reply, once it is whole: Regenerate is offered only then, and nothing moves under the pointer.
  const reply = assistantMessages(page).nth(1);
  await reply.hover();
  await expect(reply.getByRole('button', { name: 'Regenerate reply' })).toBeVisible({ timeout: 30_000 });
  const speech = page.waitForResponse((response) => response.url().endsWith('/api/chat/speech'));
  await reply.getByRole('button', { name: 'Read aloud' }).click();
  const answer = await speech;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toMatch(/^audio\//);
  const stop = reply.getByRole('button', { name: 'Stop reading aloud' });
  await expect(stop).toBeVisible();
  await stop.click();
  await expect(reply.getByRole('button', { name: 'Read aloud' })).toBeVisible();
});

test('a chat begun in Spanish is greeted in Spanish, before and after it is written (review D16)', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/companions/lucia');
  await page.getByLabel('Conversation language').selectOption('es-ES');
  await page.getByRole('link', { name: 'Start chat with Lucía' }).click();
  const greeting = assistantMessages(page).first();
  await expect(greeting).toContainText('¡Hola, soy Lucía!');
  await sendMessage(page, 'Hola, ¿qué tal?');
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await page.reload();
  await expect(greeting).toContainText('¡Hola, soy Lucía!');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('actions are always shown, the composer does not grab focus, and code fits the screen', async ({ page }) => {
    const errors = pageErrors(page);
    await signInAsGuest(page);
    await startChatWith(page);
    await expect(composer(page)).not.toBeFocused();
    const greeting = assistantMessages(page).first();
    await expect(greeting.getByRole('button', { name: 'Read aloud' })).toBeVisible();
    await expect(greeting.getByTestId('message-time')).toBeVisible();
    await expect(page.getByTestId('day-divider')).toHaveText('Today');

    await sendMessage(page, 'Show me a javascript function please');
    const reply = assistantMessages(page).nth(1);
    await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    const block = reply.getByTestId('code-block');
    await expect(block.locator('.hljs-keyword').first()).toBeVisible();
    const box = (await block.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});
