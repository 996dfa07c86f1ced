// Draws the app icons (public/icons/*.png, public/apple-touch-icon.png) from the logo's SVG in
// headless Chromium. Run once when the logo changes: `node scripts/make-icons.mjs`; the PNGs are
// committed, so neither the build nor the server draws anything.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

// The logo of components/ui/logo.tsx: a dark rounded square and the two flames, on a 64 × 64 grid.
const FLAMES = `
  <path d="M32 12c4 8 14 13 14 25a14 14 0 0 1-28 0c0-7 4-11 7-14 0 5 2 8 5 9-2-7 0-14 2-20z" fill="#f57a12"/>
  <path d="M32 34c2 3 6 5 6 10a6 6 0 0 1-12 0c0-4 3-6 6-10z" fill="#fbbd71"/>`;
const DARK = '#1c1917';

/** `rounded`: the logo as it is (transparent corners). Otherwise a full square (the platform crops
 * it) with the flames scaled by `scale` around the centre, inside the maskable safe zone. */
function svg({ rounded, scale = 1 }) {
  const offset = 32 - 32 * scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="100%" height="100%">
    <rect width="64" height="64" ${rounded ? 'rx="16"' : ''} fill="${DARK}"/>
    <g transform="translate(${offset} ${offset}) scale(${scale})">${FLAMES}</g></svg>`;
}

const ICONS = [
  { file: 'icons/icon-192.png', size: 192, rounded: true },
  { file: 'icons/icon-512.png', size: 512, rounded: true },
  // Maskable: the flames within the central 80 % circle that every mask keeps.
  { file: 'icons/icon-maskable-512.png', size: 512, rounded: false, scale: 0.72 },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, rounded: false, scale: 0.85 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
for (const icon of ICONS) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg(icon)}</body></html>`.replace(
      '<svg ',
      `<svg style="display:block;width:${icon.size}px;height:${icon.size}px" `,
    ),
  );
  const out = path.join('public', icon.file);
  await mkdir(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, omitBackground: true });
  console.log(`${out} (${icon.size} × ${icon.size})`);
}
await browser.close();
