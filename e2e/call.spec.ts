import path from 'node:path';
import { expect, test, type Browser, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { FAKE_TRANSCRIPTS } from '../lib/testing/fake-providers/transcription.ts';
import { wavFile } from '../lib/testing/media.ts';
import { assistantMessages, expectAccessible, signInAsGuest } from './helpers';
import { chromiumLaunch, fakeMediaArgs } from './chromium';

// Each test opens its own Chromium whose fake microphone loops a sentence spoken by espeak-ng
// (e2e/fixtures/make-speech.mjs): speech, then quiet, then the same speech again, which is what
// talks over the companion's reply (barge-in).
async function browserHearing(playwright: PlaywrightWorkerArgs['playwright'], fixture: 'en' | 'es'): Promise<Browser> {
  return playwright.chromium.launch(
    chromiumLaunch([
      ...fakeMediaArgs(path.join(process.cwd(), 'e2e', 'fixtures', `speech-${fixture}.wav`)),
      '--autoplay-policy=no-user-gesture-required',
    ]),
  );
}

async function openPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, permissions: ['microphone', 'camera'] });
  const page = await context.newPage();
  await signInAsGuest(page);
  return page;
}

const callScreen = (page: Page) => page.locator('[data-call-state]');

/** Hears the utterance, answers it aloud, is talked over, hangs up; the transcript is in the conversation. */
async function talkAndHangUp(page: Page, heard: string) {
  await page.waitForURL(/\/call\/[0-9a-f-]{36}$/);
  const callId = page.url().split('/').at(-1)!;
  await expect(callScreen(page)).toHaveAttribute('data-mic', 'on', { timeout: 30_000 });
  // The utterance is detected, sent and transcribed by the loopback server, in the call's language.
  await expect(page.getByRole('list', { name: 'Transcript' }).getByText(heard).first()).toBeVisible({
    timeout: 30_000,
  });
  // The reply streams in and its synthesized audio plays.
  await expect(page.locator('[data-line-role="companion"]').first()).not.toBeEmpty();
  await expect(callScreen(page)).toHaveAttribute('data-speaking', 'true', { timeout: 20_000 });
  // The looped sentence comes again while the companion speaks: playback stops at once.
  await expect(callScreen(page)).toHaveAttribute('data-barge-ins', /^[1-9]/, { timeout: 30_000 });
  await expect(page.getByText('(interrupted)').first()).toBeVisible();

  await page.getByRole('button', { name: 'End call' }).click();
  await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  await expect(callScreen(page)).toHaveAttribute('data-call-state', 'ended');

  // The interrupted turn is saved as its reply stops, which may finish just after the hang-up.
  const readCall = async () => (await page.request.get(`/api/v1/calls/${callId}`)).json();
  await expect.poll(async () => (await readCall()).interrupted_count, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const call = await readCall();
  expect(call).toMatchObject({ status: 'ended', end_reason: 'hangup' });
  expect(call.turn_count).toBeGreaterThanOrEqual(1);
  expect(call.duration_ms).toBeGreaterThan(0);
  expect(call.timings[0].first_audio_ms).not.toBeNull();

  // After a reload the transcript is part of the conversation: voice turns marked, their audio kept.
  await page.getByRole('link', { name: 'See the transcript' }).click();
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  await page.reload();
  const spoken = page.locator('[data-role="user"][data-source="voice"]');
  await expect(spoken.first()).toContainText(heard);
  await expect(spoken.first().getByTestId('voice-note')).toHaveCount(1);
  await expect(
    page.locator('[data-role="assistant"][data-source="voice"][data-status="aborted"]').first(),
  ).toContainText('Interrupted.');
  return callId;
}

test('a call in English: heard, answered aloud, talked over, hung up, and kept in the conversation', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const browser = await browserHearing(playwright, 'en');
  try {
    const page = await openPage(browser, baseURL);
    await page.goto('/companions/lucia');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await talkAndHangUp(page, FAKE_TRANSCRIPTS.en!.text);
  } finally {
    await browser.close();
  }
});

test("a call in Spanish from the chat header: the call speaks the conversation's language", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const browser = await browserHearing(playwright, 'es');
  try {
    const page = await openPage(browser, baseURL);
    await page.goto('/companions/lucia');
    await page.getByLabel('Conversation language').selectOption('es-ES');
    await page.getByRole('link', { name: /Start chat/ }).click();
    await page.waitForURL(/\/chat\/new\?/);
    await expect(assistantMessages(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Call Lucía' }).click();
    await expect(page.getByLabel('Call language')).toHaveValue('es-ES');
    await talkAndHangUp(page, FAKE_TRANSCRIPTS.es!.text);
  } finally {
    await browser.close();
  }
});

test('typing in a call works like speaking; the screen is accessible; an ended call refuses turns', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/companions/lucia');
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await page.waitForURL(/\/call\/[0-9a-f-]{36}$/);
  const callId = page.url().split('/').at(-1)!;
  // This browser has no microphone: the call says so and typing still works.
  await expect(callScreen(page)).toHaveAttribute('data-mic', /denied|missing|failed/, { timeout: 30_000 });
  await page.getByLabel('Message Lucía').fill('How are you today?');
  await page.keyboard.press('Enter');
  // The person's line (the reply may quote it too).
  await expect(page.locator('[data-line-role="user"]').getByText('How are you today?')).toBeVisible();
  await expect(page.locator('[data-line-role="companion"]').first()).not.toBeEmpty();
  await expect(callScreen(page)).toHaveAttribute('data-turns', '1', { timeout: 30_000 });
  await page.getByRole('button', { name: /show each turn's timings$/ }).click();
  await expect(page.getByRole('heading', { name: 'Latency per turn' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'End call' }).click();
  await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  const refused = await page.request.post(`/api/v1/calls/${callId}/turns`, { multipart: { text: 'Still there?' } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.type).toBe('conflict_error');
  // Silence is refused with a clear error on a live call, and nothing is written.
  const live = await (await page.request.post('/api/v1/calls', { data: { companion: 'lucia' } })).json();
  const silent = Buffer.from(wavFile(1, { amplitude: 0 }));
  const quiet = await page.request.post(`/api/v1/calls/${live.id}/turns`, {
    multipart: { audio: { name: 'quiet.wav', mimeType: 'audio/wav', buffer: silent } },
  });
  expect(quiet.status()).toBe(400);
  expect((await quiet.json()).error.message).toMatch(/silent/);
  expect((await (await page.request.get(`/api/v1/calls/${live.id}`)).json()).turn_count).toBe(0);
});
