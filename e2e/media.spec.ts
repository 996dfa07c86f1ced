import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import { FAKE_TRANSCRIPT } from '../lib/testing/fake-providers/transcription.ts';
import { wavFile } from '../lib/testing/media.ts';
import { encodePng } from '../lib/uploads/png.ts';
import { assistantMessages, expectAccessible, signInAsGuest, startChatWith } from './helpers';
import { chromiumLaunch, fakeMediaArgs } from './chromium';

// Chromium's fake microphone plays this tone (a real WAV file on disk) into getUserMedia.
const FAKE_MIC = path.join(process.cwd(), '.data', 'e2e-media', 'tone.wav');
mkdirSync(path.dirname(FAKE_MIC), { recursive: true });
writeFileSync(FAKE_MIC, wavFile(3));

test.use({
  launchOptions: chromiumLaunch(fakeMediaArgs(FAKE_MIC)),
  permissions: ['microphone'],
});

const SUPABASE_STORAGE = process.env.E2E_STORAGE === 'supabase';
const sunset = () => Buffer.from(encodePng(48, 32, (x, y) => [240 - y * 3, 120 + x, 60, 255]));

async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.getByTestId('file-input').setInputFiles(files);
}

test('an image goes with a message, shows in the chat, survives a reload, and only its owner can fetch it', async ({
  page,
  browser,
}) => {
  await signInAsGuest(page);
  const chatUrl = await startChatWith(page);
  await expect(assistantMessages(page)).toHaveCount(1);

  // A web page named .png is refused by its content, inline, and nothing is attached.
  await attach(page, [
    {
      name: 'cat.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'.padEnd(300)),
    },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'not a supported type' })).toBeVisible();
  // The tray says it is not a picture rather than showing a broken image (review D21).
  await expect(page.getByTestId('attachment').getByRole('img', { name: 'cat.png: not a picture' })).toBeVisible();
  await expect(page.getByTestId('attachment').locator('img')).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove cat.png' }).click();

  // Two steps: a target, the bytes sent there (to the app's route, or straight to Storage), a confirmation.
  const steps: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'PUT' || url.pathname.startsWith('/api/v1/uploads'))
      steps.push(`${request.method()} ${url.origin === new URL(page.url()).origin ? url.pathname : 'storage'}`);
  });
  await attach(page, [{ name: 'sunset.png', mimeType: 'image/png', buffer: sunset() }]);
  const thumbnail = page.getByTestId('attachment');
  await expect(thumbnail).toHaveAttribute('data-state', 'ready');
  await expect(thumbnail.getByRole('img', { name: 'sunset.png' })).toBeVisible();
  await expectAccessible(page);
  expect(steps.map((step) => step.replace(/[0-9a-f-]{36}/, '{id}'))).toEqual([
    'POST /api/v1/uploads',
    SUPABASE_STORAGE ? 'PUT storage' : 'PUT /api/v1/uploads/{id}/content',
    'POST /api/v1/uploads/{id}/confirm',
  ]);

  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Here is my view tonight');
  await composer.press('Enter');

  const mine = page.locator('[data-role="user"]').last();
  const picture = mine.getByRole('img', { name: 'Your image: sunset.png' });
  await expect(picture).toBeVisible();
  await expect(mine).toContainText('Here is my view tonight');
  await expect(page.getByTestId('attachment')).toHaveCount(0);
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(reply).toContainText('Thank you for the picture!');

  await page.reload();
  const again = page.locator('[data-role="user"]').last().getByRole('img', { name: 'Your image: sunset.png' });
  await expect(again).toBeVisible();
  await expect.poll(() => again.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
  const src = await again.getAttribute('src');
  expect(src).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}\/content$/);
  const own = await page.request.get(src!);
  expect(own.status()).toBe(200);
  expect(own.headers()['content-type']).toBe('image/png');
  expect(Buffer.compare(await own.body(), sunset())).toBe(0);

  // Someone else, signed in, gets "not found"; nobody signed out gets anything.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signInAsGuest(strangerPage);
  const theirs = await strangerPage.request.get(src!);
  expect(theirs.status()).toBe(404);
  expect((await theirs.json()).error.type).toBe('not_found_error');
  await stranger.close();
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(new URL(src!, chatUrl).toString())).status()).toBe(401);
  await anonymous.close();
});

test('an upload whose connection fails says so and can be retried; one in flight can be cancelled', async ({
  page,
}) => {
  await signInAsGuest(page);
  await startChatWith(page);
  // The bytes' request fails as a dropped connection would, wherever they go.
  const cut = (route: Route) =>
    route.request().method() === 'PUT' ? route.abort('connectionreset') : route.fallback();
  await page.route('**/*', cut);
  await attach(page, [{ name: 'sunset.png', mimeType: 'image/png', buffer: sunset() }]);
  const item = page.getByTestId('attachment');
  await expect(item).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert').filter({ hasText: 'check your connection' })).toBeVisible();
  await page.unroute('**/*', cut);
  await item.getByRole('button', { name: 'Retry sunset.png' }).click();
  await expect(item).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('alert').filter({ hasText: 'check your connection' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove sunset.png' }).click();

  // Bytes that never arrive: the upload waits until it is cancelled, and the server forgets its target.
  const held: Route[] = [];
  const hold = (route: Route) => (route.request().method() === 'PUT' ? void held.push(route) : route.fallback());
  await page.route('**/*', hold);
  await attach(page, [{ name: 'slow.png', mimeType: 'image/png', buffer: sunset() }]);
  await expect.poll(() => held.length).toBe(1);
  await expect(item).toHaveAttribute('data-state', 'uploading');
  const forgotten = page.waitForRequest(
    (request) => request.method() === 'DELETE' && /\/api\/v1\/uploads\/[0-9a-f-]{36}$/.test(request.url()),
  );
  await page.getByRole('button', { name: 'Cancel upload of slow.png' }).click();
  await expect(item).toHaveCount(0);
  expect((await (await forgotten).response())?.status()).toBe(204);
  await page.unroute('**/*', hold);
});

test('a voice note is recorded with a level meter and timer, transcribed, played back and answered', async ({
  page,
}) => {
  await signInAsGuest(page);
  await startChatWith(page);

  await page.getByRole('button', { name: 'Record a voice note' }).click();
  await expect(page.getByRole('group', { name: 'Recording a voice note' })).toBeVisible();
  await expect(page.getByTestId('recording-timer')).toHaveText('0:01', { timeout: 5_000 });
  await expect
    .poll(async () => Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop and attach voice note' }).click();

  const note = page.getByTestId('attachment');
  await expect(note).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await expect(note.getByTestId('attachment-transcript')).toContainText(FAKE_TRANSCRIPT);
  await page.getByRole('button', { name: 'Send message' }).click();

  const mine = page.locator('[data-role="user"]').last();
  await expect(mine.getByTestId('voice-note')).toBeVisible();
  await expect(mine.getByTestId('transcript')).toContainText(FAKE_TRANSCRIPT);
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(reply).toContainText('Hello from my voice note');

  await page.reload();
  const player = page.locator('[data-role="user"]').last().getByTestId('voice-note');
  await expect(player).toBeVisible();
  await expect
    .poll(() =>
      player.locator('audio').evaluate((audio: HTMLAudioElement) => audio.readyState >= 1 && audio.duration > 0),
    )
    .toBe(true);
  await expect(page.locator('[data-role="user"]').last().getByTestId('transcript')).toContainText(FAKE_TRANSCRIPT);
});

test('an audio file can be attached instead of recording', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  await attach(page, [{ name: 'hello.wav', mimeType: 'audio/wav', buffer: Buffer.from(wavFile(1)) }]);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await page.getByRole('textbox', { name: /^Message / }).press('Enter');
  await expect(page.locator('[data-role="user"]').last().getByTestId('transcript')).toContainText(FAKE_TRANSCRIPT);
});

test('a companion makes a picture when asked, and it is still there after a reload', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Please draw me a picture of a lighthouse');
  await composer.press('Enter');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(reply).toContainText("Here's a little picture I made for you");
  const picture = reply.getByRole('img', { name: /^Picture: .*lighthouse/ });
  await expect(picture).toBeVisible();
  // Drawn by OpenAI's image API (the e2e server has an OpenAI key, pointed at the loopback fake).
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);

  await page.reload();
  const saved = assistantMessages(page)
    .nth(1)
    .getByRole('img', { name: /^Picture: .*lighthouse/ });
  await expect(saved).toBeVisible();
  await expect.poll(() => saved.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
});

test('with a model that cannot see, the composer says so and offers one that can', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  // The chat starts on the offline demo model, which cannot see.
  const picker = page.getByRole('combobox', { name: 'Model' });
  await expect(picker).toHaveValue('offline/hearth-demo');

  await attach(page, [{ name: 'sunset.png', mimeType: 'image/png', buffer: sunset() }]);
  const notice = page.getByTestId('vision-notice');
  await expect(notice).toContainText('Hearth offline demo can’t see images');
  await notice.getByRole('button', { name: 'Switch to GPT-4o mini' }).click();
  await expect(picker).toHaveValue('openai/gpt-4o-mini');
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-state', 'ready');
});

test('through the API: upload, refusals, a message with attachments, and deleting the account deletes the files', async ({
  page,
}) => {
  await signInAsGuest(page);
  const api = page.request;
  const svg = await api.post('/api/v1/uploads', {
    multipart: {
      file: {
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'.padEnd(100)),
      },
    },
  });
  expect(svg.status()).toBe(400);
  expect((await svg.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'file' });

  const created = await api.post('/api/v1/uploads', {
    multipart: { file: { name: 'sunset.png', mimeType: 'image/png', buffer: sunset() } },
  });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  expect(upload).toMatchObject({
    media_type: 'image/png',
    size: sunset().length,
    kind: 'image',
    width: 48,
    height: 32,
  });
  expect(upload.url).toMatch(
    SUPABASE_STORAGE
      ? new RegExp(`/storage/v1/object/sign/hearth-media/.+/${upload.id}\\.png\\?token=`)
      : new RegExp(`/api/v1/uploads/${upload.id}/content$`),
  );

  const companions = (await (await api.get('/api/v1/companions')).json()).data;
  const conversation = await (
    await api.post('/api/v1/conversations', { data: { companion: companions[0].slug } })
  ).json();
  const sent = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
    data: { attachments: [upload.id], reply: false },
  });
  expect(sent.status()).toBe(201);
  expect((await sent.json()).message).toMatchObject({
    attachments: [upload.id],
    parts: [{ type: 'file', mediaType: 'image/png' }],
  });
  const again = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
    data: { attachments: [upload.id], reply: false },
  });
  expect(again.status()).toBe(400);
  const listed = (await (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).json()).data;
  expect(listed.at(-1).attachments).toEqual([upload.id]);

  expect((await api.delete('/api/v1/users/me')).status()).toBe(204);
  // The session outlived its account: the file is not served to it (or to anyone).
  expect([400, 401, 404]).toContain((await api.get(upload.url)).status());
});

test('through the API in two steps: a target, the bytes sent where it says, a confirmation', async ({ page }) => {
  await signInAsGuest(page);
  const api = page.request;
  const asked = await api.post('/api/v1/uploads', {
    data: { kind: 'image', media_type: 'image/png', size: sunset().length, filename: 'sunset.png' },
  });
  expect(asked.status()).toBe(201);
  const target = await asked.json();
  expect(target).toMatchObject({
    method: 'PUT',
    headers: { 'content-type': 'image/png' },
    send_credentials: !SUPABASE_STORAGE,
  });
  expect(new URL(target.url).origin === new URL(page.url()).origin).toBe(!SUPABASE_STORAGE);
  expect((await api.post(target.confirm_url)).status()).toBe(409); // nothing sent yet
  const sent = await api.fetch(target.url, { method: target.method, headers: target.headers, data: sunset() });
  expect(sent.ok()).toBe(true);
  const confirmed = await api.post(target.confirm_url);
  expect(confirmed.status()).toBe(201);
  expect(await confirmed.json()).toMatchObject({
    id: target.id,
    kind: 'image',
    width: 48,
    height: 32,
    filename: 'sunset.png',
  });
  const content = await api.get(`/api/v1/uploads/${target.id}/content`);
  expect(content.status()).toBe(200);
  expect(Buffer.compare(await content.body(), sunset())).toBe(0);
});

test('images can be pasted into the composer or dropped on it, up to four', async ({ page }) => {
  await signInAsGuest(page);
  await startChatWith(page);
  const composer = page.getByRole('textbox', { name: /^Message / });
  const png = [...sunset()];
  const fileEvent = (type: 'paste' | 'drop', names: string[]) =>
    composer.evaluate(
      (el, { type, names, bytes }) => {
        const data = new DataTransfer();
        for (const name of names) data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
        const event =
          type === 'paste'
            ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
            : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
        el.dispatchEvent(event);
      },
      { type, names, bytes: png },
    );
  await fileEvent('paste', ['pasted.png']);
  await fileEvent('drop', ['one.png', 'two.png', 'three.png', 'four.png']);
  await expect(page.getByTestId('attachment')).toHaveCount(4);
  await expect(page.getByRole('alert').filter({ hasText: 'A message can carry at most 4 images.' })).toBeVisible();
  for (const item of await page.getByTestId('attachment').all())
    await expect(item).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('img', { name: 'pasted.png' })).toBeVisible();
  await composer.press('Enter');
  await expect(page.locator('[data-role="user"]').last().getByRole('img')).toHaveCount(4);
  await expect(assistantMessages(page).nth(1)).toContainText('Thank you for the 4 pictures!', { timeout: 30_000 });
});
