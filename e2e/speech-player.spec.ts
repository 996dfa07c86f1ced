import { readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { speechWav } from '../lib/testing/fake-providers/speech';

/**
 * SpeechPlayer in a real Chromium, on a blank page (no app server needed): real Web Audio decoding
 * of the loopback TTS servers' WAV, the queue, barge-in, and speechSynthesis without voices. The
 * call screen (voice-core) drives the same class.
 */

const PLAYER_SOURCE = (() => {
  const source = readFileSync(path.join(__dirname, '../components/call/speech-player.ts'), 'utf8');
  const js = stripTypeScriptTypes(source);
  return `${js.replace(/^'use client';/m, '').replace(/export class SpeechPlayer/, 'class SpeechPlayer')}\nwindow.SpeechPlayer = SpeechPlayer;`;
})();

type Log = { events: string[]; maxLevel: number };

declare global {
  interface Window {
    SpeechPlayer: typeof import('../components/call/speech-player').SpeechPlayer;
    player: import('../components/call/speech-player').SpeechPlayer;
    log: Log;
    enqueueBase64: (base64: string) => void;
  }
}

/** A blank page with a player whose events are logged, its audio context started by a click (as the call button does). */
async function openPlayer(page: Page) {
  await page.setContent('<button id="start">Start call</button>');
  await page.addScriptTag({ content: PLAYER_SOURCE });
  await page.evaluate(() => {
    window.log = { events: [], maxLevel: 0 };
    window.player = new window.SpeechPlayer({
      onStart: () => window.log.events.push('start'),
      onIdle: () => window.log.events.push('idle'),
      onLevel: (level) => (window.log.maxLevel = Math.max(window.log.maxLevel, level)),
    });
    document.getElementById('start')!.addEventListener('click', () => window.player.resume());
    window.enqueueBase64 = (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      window.player.enqueue(bytes.buffer, 'audio/wav');
    };
  });
  await page.click('#start');
}

const wav = (text: string) => speechWav(text).toString('base64');
const events = (page: Page) => page.evaluate(() => window.log.events);

test('plays queued sentences one after another, reports the voice level, and goes idle once at the end', async ({
  page,
}) => {
  await openPlayer(page);
  const before = await page.evaluate(() => performance.now());
  await page.evaluate(
    ([first, second]) => {
      window.enqueueBase64(first!);
      window.enqueueBase64(second!);
    },
    [wav('Hello there, my friend.'), wav('How was your day?')],
  );
  await expect.poll(() => events(page)).toEqual(['start']);
  expect(await page.evaluate(() => window.player.speaking)).toBe(true);
  const firstPlaybackAt = await page.evaluate(() => window.player.firstPlaybackAt);
  expect(firstPlaybackAt).toBeGreaterThan(before);
  // Both sentences (about 2.2 s of audio) play through, and the portrait had a voice to follow.
  await expect.poll(() => events(page), { timeout: 10_000 }).toEqual(['start', 'idle']);
  expect(await page.evaluate(() => window.log.maxLevel)).toBeGreaterThan(0.05);
  expect(await page.evaluate(() => window.player.speaking)).toBe(false);

  // firstPlaybackAt belongs to the turn: it stays until a new turn starts.
  expect(await page.evaluate(() => window.player.firstPlaybackAt)).toBe(firstPlaybackAt);
  await page.evaluate(() => window.player.resetTurn());
  expect(await page.evaluate(() => window.player.firstPlaybackAt)).toBeNull();
});

test('stop() silences at once and drops what was queued (barge-in)', async ({ page }) => {
  await openPlayer(page);
  await page.evaluate(
    ([long, next]) => {
      window.enqueueBase64(long!);
      window.enqueueBase64(next!);
    },
    [
      wav('This is a long sentence that would take several seconds to say out loud.'),
      wav('And this one would come after it.'),
    ],
  );
  await expect.poll(() => events(page)).toEqual(['start']);
  await page.evaluate(() => window.player.stop());
  expect(await events(page)).toEqual(['start', 'idle']);
  expect(await page.evaluate(() => window.player.speaking)).toBe(false);
  // Nothing from before the stop starts again.
  await page.waitForTimeout(800);
  expect(await events(page)).toEqual(['start', 'idle']);

  // The next turn plays normally, muted or not.
  await page.evaluate(() => window.player.setMuted(true));
  await page.evaluate((audio) => window.enqueueBase64(audio), wav('Sorry, go on.'));
  await expect.poll(() => events(page), { timeout: 10_000 }).toEqual(['start', 'idle', 'start', 'idle']);
});

test('skips audio it cannot decode and plays the rest', async ({ page }) => {
  await openPlayer(page);
  await page.evaluate((audio) => {
    window.player.enqueue(new TextEncoder().encode('not audio at all').buffer, 'audio/mpeg');
    window.enqueueBase64(audio);
  }, wav('Still here.'));
  await expect.poll(() => events(page), { timeout: 10_000 }).toEqual(['start', 'idle']);
});

test('speaks text with speechSynthesis, and still goes idle where the browser has no voices', async ({ page }) => {
  await openPlayer(page);
  const voices = await page.evaluate(() => speechSynthesis.getVoices().length);
  await page.evaluate(() => {
    window.player.speakText('Bonjour, comment vas-tu ?', 'fr-FR');
    window.player.speakText('Très bien, merci.', 'fr-FR');
  });
  await expect.poll(() => events(page)).toContain('start');
  await expect.poll(() => events(page), { timeout: 15_000 }).toEqual(['start', 'idle']);
  test.info().annotations.push({ type: 'speechSynthesis voices', description: String(voices) });
  expect(await page.evaluate(() => window.log.maxLevel)).toBeGreaterThan(0);
});

test('close() releases the audio context; later calls do nothing', async ({ page }) => {
  await openPlayer(page);
  await page.evaluate(() => window.player.close());
  await page.evaluate((audio) => {
    window.enqueueBase64(audio);
    window.player.speakText('Hello?', 'en-US');
  }, wav('Too late.'));
  await page.waitForTimeout(500);
  expect(await events(page)).toEqual([]);
});
