import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page, type Route } from '@playwright/test';
import { assistantMessages, expectAccessible, signInAsGuest, signInVerified, startChatWith } from './helpers';

// playwright.config.ts lists this address in ADMIN_EMAILS: signing up with it makes an admin.
const ADMIN_EMAIL = 'admin@e2e.hearth.local';

/** A small real PNG (a violet square), made here so the upload is checked by its bytes. */
function png(size = 64): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([124, 58, 237]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ADMIN_EMAILS makes the address admin once it is confirmed: sign up, follow the link, sign in. */
async function signUpAdmin(page: Page) {
  await signInVerified(page, 'Ada Admin', ADMIN_EMAIL);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ada');
}

test('an admin creates a persona with an avatar, previews it, publishes it, and a user chats with it', async ({
  page,
  browser,
}) => {
  await signUpAdmin(page);
  await page.getByRole('link', { name: 'Admin dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Usage and cost' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Personas' }).click();
  await page.getByRole('link', { name: 'New persona' }).click();

  // Inline validation before anything is sent.
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByText('A name is required.').first()).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Juniper');
  await expect(page.getByLabel('Slug')).toHaveValue('juniper');
  await page.getByLabel('Tagline').fill('A gentle gardener who knows every herb.');
  await page.getByLabel('System instructions').fill('You are Juniper, a calm gardener. Answer warmly and briefly.');
  await expect(page.getByText(/\d+ tokens ·/)).toBeVisible();
  await page.getByLabel('Greeting').fill('Hello there, welcome to the greenhouse!');
  await page.getByLabel('Specialties').fill('gardening');
  await page.getByLabel('Specialties').press('Enter');
  // A voice for calls, and one of its own in English.
  await page.getByLabel('Voice', { exact: true }).selectOption('calm');
  await page.getByLabel('Voice in English').fill('nova');

  // A file that only pretends to be an image is refused by its bytes; a real PNG is taken.
  await page.locator('#avatar-file').setInputFiles({
    name: 'fake.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await expect(page.getByText('Choose a PNG, JPEG or WebP image')).toBeVisible();
  await page.locator('#avatar-file').setInputFiles({ name: 'juniper.png', mimeType: 'image/png', buffer: png() });
  await expect(page.getByText('PNG, JPEG or WebP, up to 2 MB')).toBeVisible();

  // The live preview answers as the unsaved draft.
  const preview = page.getByRole('region', { name: 'Live preview' });
  await preview.getByRole('textbox', { name: 'Message to the draft' }).fill('What grows well in spring?');
  await preview.getByRole('textbox', { name: 'Message to the draft' }).press('Enter');
  const log = page.getByTestId('preview-log');
  await expect(log).toContainText('What grows well in spring?');
  await expect
    .poll(async () => (await log.innerText()).length, { timeout: 30_000 })
    .toBeGreaterThan('What grows well in spring?'.length + 20);
  await expect(preview.getByRole('button', { name: 'Send to preview' })).toBeVisible({ timeout: 30_000 });
  // Markdown in a reply is rendered as in the chat, and the model is called by its name (review D13).
  const markdownReply = (route: Route) =>
    route.fulfill({
      contentType: 'application/x-ndjson',
      body: [
        { type: 'start', model: 'offline/hearth-demo' },
        { type: 'text', text: 'Try **basil** and mint.' },
        { type: 'end', finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 5 } },
      ]
        .map((event) => JSON.stringify(event))
        .join('\n'),
    });
  await page.route('**/api/admin/preview', markdownReply);
  await preview.getByRole('textbox', { name: 'Message to the draft' }).fill('And for a window box?');
  await preview.getByRole('textbox', { name: 'Message to the draft' }).press('Enter');
  await expect(log.locator('strong', { hasText: 'basil' })).toBeVisible();
  await expect(log).not.toContainText('**');
  await expect(log.getByText('Hearth offline demo').last()).toBeVisible();
  await page.unroute('**/api/admin/preview', markdownReply);
  await expectAccessible(page);

  // Leaving with unsaved changes asks first; staying keeps the draft.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/admin\/personas\/new$/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Juniper');

  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(/\/admin\/personas\/[0-9a-f-]{36}/);
  await expect(page.getByText('Version 1')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Voice', { exact: true })).toHaveValue('calm');
  await expect(page.getByLabel('Voice in English')).toHaveValue('nova');
  await expect(page.getByRole('img', { name: 'Portrait of Juniper' })).toHaveAttribute('src', /\/api\/avatars\//);

  // A draft is not in anyone's picker yet.
  const user = await browser.newContext();
  const userPage = await user.newPage();
  await signInAsGuest(userPage);
  await expect(userPage.getByRole('list', { name: 'Companions' }).getByRole('link', { name: /Juniper/ })).toHaveCount(
    0,
  );

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Saved as version 2.')).toBeVisible();
  await expect(page.getByText('Published', { exact: true }).first()).toBeVisible();

  // The audit log has the creation and the publication.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByText('persona.publish').first()).toBeVisible();
  await expect(page.getByText('persona.create').first()).toBeVisible();

  // The user now finds Juniper, with the uploaded portrait, and chats.
  await userPage.reload();
  const card = userPage.getByRole('list', { name: 'Companions' }).getByRole('link', { name: /^Juniper/ });
  await expect(card).toBeVisible();
  await expect(card.locator('img')).toHaveAttribute('src', /\/api\/avatars\//);
  const avatarSrc = (await card.locator('img').getAttribute('src'))!;
  await startChatWith(userPage, /Juniper/);
  await expect(assistantMessages(userPage).first()).toContainText('Hello there, welcome to the greenhouse!');
  const composer = userPage.getByRole('textbox', { name: /^Message / });
  await composer.fill('Hi Juniper!');
  await composer.press('Enter');
  await expect(assistantMessages(userPage).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  expect(((await assistantMessages(userPage).nth(1).textContent()) ?? '').length).toBeGreaterThan(5);

  // The avatar is served from the database, stored resized as WebP (review D23).
  const avatar = await userPage.request.get(avatarSrc);
  expect([avatar.status(), avatar.headers()['content-type']]).toEqual([200, 'image/webp']);
  await user.close();
});

test('a non-admin gets no access to /admin, its pages or its routes', async ({ page }) => {
  await signInAsGuest(page);
  await expect(page.getByRole('link', { name: 'Admin dashboard' })).toHaveCount(0);
  for (const path of ['/admin', '/admin/personas', '/admin/users', '/admin/audit']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/\?denied=admin$/);
    // Told why, not silently bounced (review D19).
    await expect(page.getByText('The admin dashboard is only for this Hearth’s admins.')).toBeVisible();
  }
  const list = await page.request.get('/api/admin/personas');
  expect(list.status()).toBe(403);
  expect((await list.json()).error.type).toBe('permission_error');
  const create = await page.request.post('/api/admin/preview', { data: { fields: {}, messages: [] } });
  expect(create.status()).toBe(403);
  const csv = await page.request.get('/api/admin/analytics?format=csv');
  expect(csv.status()).toBe(403);
});
