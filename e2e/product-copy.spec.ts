import { expect, test, type Page } from '@playwright/test';
import { VOICE_NOTE_UNHEARD } from '../lib/ai/offline/phrases.ts';
import { wavFile } from '../lib/testing/media.ts';
import { assistantMessages, expectAccessible, sendMessage, signInAsGuest, startChatWith, shot } from './helpers';
import { ownServer } from './own-server';

// A server with no provider configured at all, as a first self-hosted install is: every companion
// answers with the offline model, voice notes cannot be transcribed, calls are typed. What end users
// read there must be product language (review D6), and the call must keep room for its transcript (D7).
ownServer('product-copy', 9, {
  OPENAI_API_KEY: '',
  GROQ_API_KEY: '',
  GOOGLE_GENERATIVE_AI_API_KEY: '',
  OPENROUTER_API_KEY: '',
  ELEVENLABS_API_KEY: '',
  REPLICATE_API_TOKEN: '',
  LOCAL_LLM_BASE_URL: '',
  OFFLINE_MODEL_FIRST_TOKEN_MS: '0',
  OFFLINE_MODEL_WORD_MS: '5',
});

const OPERATOR_WORDS =
  /[A-Z]+_API_KEY|API_TOKEN|LOCAL_LLM_BASE_URL|\.env\b|provider key|environment variable|GROQ|OPENROUTER/;

/** Everything a person can read on the page: its text, the options of its selects, and tooltips. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? ''),
      ...[...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title') ?? ''),
      ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
    ].join('\n'),
  );
}

async function expectProductLanguage(page: Page) {
  expect((await readableText(page)).match(OPERATOR_WORDS)).toBeNull();
}

/** Light and dark pictures of what is on screen (only with SHOTS_DIR set). */
async function shots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: null });
}

for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['mobile', { width: 390, height: 844 }],
] as const) {
  test(`a guest on an unconfigured server reads no env-var names anywhere (${label})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await signInAsGuest(page);

    // The picker: a kind banner, no setup instructions, no link to the dashboard for a guest.
    await expect(page.getByRole('note')).toContainText('built-in offline model');
    await expect(page.getByRole('link', { name: 'Set up in the dashboard' })).toHaveCount(0);
    await expectProductLanguage(page);
    await shots(page, `picker-${label}`);

    // The chat: its notice and the model picker, which offers only what this server can use.
    await startChatWith(page, /Marcus/);
    await expect(page.getByText('Marcus is answering with Hearth’s built-in offline model')).toBeVisible();
    const picker = page.getByRole('combobox', { name: 'Model', exact: true });
    await expect(picker.locator('option:disabled')).toHaveCount(0);
    await sendMessage(page, 'What model are you?');
    await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expectProductLanguage(page);

    // A voice note that cannot be transcribed: the tray, the bubble and the reply say so plainly.
    await page
      .getByTestId('file-input')
      .setInputFiles([{ name: 'hello.wav', mimeType: 'audio/wav', buffer: Buffer.from(wavFile(1)) }]);
    await expect(page.getByTestId('attachment')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    await expect(page.getByTestId('attachment-transcript')).toHaveText(
      'Voice notes can’t be turned into text on this server yet.',
    );
    await expectProductLanguage(page);
    await page.getByRole('textbox', { name: /^Message / }).press('Enter');
    await expect(page.getByText('No transcript for this voice note.')).toBeVisible();
    const reply = assistantMessages(page).nth(2);
    await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    // Review D9: the companion answered an internal placeholder, quoting "[The person sent a voice note…".
    await expect(reply).toContainText(VOICE_NOTE_UNHEARD['en-US']);
    await expect(reply).not.toContainText('[');
    await expectProductLanguage(page);
    await shots(page, `chat-${label}`);

    // The call: typed, and it says so without claiming to listen.
    await page.getByRole('button', { name: 'Call Marcus' }).click();
    await page.waitForURL(/\/call\/[0-9a-f-]{36}$/);
    const screen = page.locator('[data-call-state]');
    await expect(screen).toHaveAttribute('data-mic', 'unavailable');
    await expect(page.getByText('Marcus can’t hear you on this server yet, so type below.')).toBeVisible();
    await expect(page.getByText(/listening/i)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Set up in the dashboard' })).toHaveCount(0);
    await expectProductLanguage(page);
    await expectAccessible(page);
    await shots(page, `call-${label}`);

    await page.getByRole('button', { name: 'End call' }).click();
    await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
    // Said once (review D17), with nothing about typing once the input has gone.
    const shownEnded = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('body *')].filter(
            (e) => e.childElementCount === 0 && e.textContent === 'Call ended' && !e.closest('.sr-only'),
          ).length,
      );
    expect(await shownEnded()).toBe(1);
    await expect(page.getByText(/type below/i)).toHaveCount(0);
    await expectProductLanguage(page);
  });
}

test('at 1280x800 a call keeps several lines of its transcript in view (review D7)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsGuest(page);
  await page.goto('/companions/marcus');
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await page.waitForURL(/\/call\/[0-9a-f-]{36}$/);
  const screen = page.locator('[data-call-state]');
  for (const [turn, said] of ['I want to run a 10k this spring.', 'How often should I train each week?'].entries()) {
    await page.getByLabel('Message Marcus').fill(said);
    await page.keyboard.press('Enter');
    await expect(screen).toHaveAttribute('data-turns', String(turn + 1), { timeout: 30_000 });
  }
  const transcript = page.getByRole('list', { name: 'Transcript' });
  const box = (await transcript.boundingBox())!;
  const lineHeight = await transcript
    .locator('[data-line-role] > div')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  // The old layout left it about one line (review D7); now at least eight lines' worth.
  expect(box.height / lineHeight).toBeGreaterThanOrEqual(8);
  // The last exchange is readable whole: the question and the start of the answer are both in view.
  await expect(transcript.getByText('How often should I train each week?')).toBeInViewport({ ratio: 1 });
  await expect(transcript.locator('[data-line-role="companion"]').last()).toBeInViewport();

  // The latency panel opens in the corner: the portrait and the controls stay in view.
  await page.getByRole('button', { name: /show each turn's timings$/ }).click();
  await expect(page.getByRole('heading', { name: 'Latency per turn' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Marcus,/ })).toBeInViewport({ ratio: 0.6 });
  await expect(page.getByRole('button', { name: 'End call' })).toBeInViewport();
  await expectAccessible(page);
  await shots(page, 'call-transcript-desktop');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Latency per turn' })).toBeHidden();
});
