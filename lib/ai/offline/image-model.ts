import type { ImageModelV4 } from '@ai-sdk/provider';
import { encodePng } from '@/lib/uploads/png';

/**
 * The offline image model: a deterministic picture drawn in code from the prompt (a sky whose
 * colours, sun and hills come from a hash of the words), so "send me a picture" works and is
 * testable with no key and no network. The same prompt always gives the same PNG.
 */
export const OFFLINE_IMAGE_MODEL_ID = 'hearth-sketch';
const SIZE = 256;

export function createOfflineImageModel(): ImageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: 'offline',
    modelId: OFFLINE_IMAGE_MODEL_ID,
    maxImagesPerCall: 4,
    async doGenerate({ prompt, n }) {
      const images = Array.from({ length: n }, (_, i) => drawPicture(`${prompt ?? ''}#${i}`));
      return {
        images,
        warnings: [],
        response: { timestamp: new Date(0), modelId: OFFLINE_IMAGE_MODEL_ID, headers: undefined },
      };
    },
  };
}

/** FNV-1a, as the offline text model uses. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;

const SKIES: [Rgb, Rgb][] = [
  [
    [255, 183, 94],
    [120, 72, 160],
  ], // sunset
  [
    [135, 206, 250],
    [240, 248, 255],
  ], // day
  [
    [20, 24, 82],
    [88, 60, 140],
  ], // night
  [
    [255, 214, 165],
    [255, 128, 102],
  ], // dawn
];

export function drawPicture(prompt: string): Uint8Array {
  const seed = hash(prompt.toLowerCase().trim());
  const [top, bottom] = SKIES[seed % SKIES.length]!;
  const sun = { x: 40 + ((seed >>> 4) % 176), y: 50 + ((seed >>> 12) % 70), r: 18 + ((seed >>> 20) % 16) };
  const hill = mix([46, 125, 50], [94, 70, 40], ((seed >>> 8) % 100) / 100);
  const far = mix(hill, bottom, 0.45);
  const phase = ((seed >>> 16) % 628) / 100;
  return encodePng(SIZE, SIZE, (x, y) => {
    const near = 190 + 18 * Math.sin(x / 37 + phase);
    const back = 160 + 24 * Math.sin(x / 53 + phase * 2);
    if (y > near) return [...mix(hill, [20, 40, 20], (y - near) / (SIZE - near)), 255];
    if (y > back) return [...far, 255];
    const d = Math.hypot(x - sun.x, y - sun.y);
    if (d < sun.r) return [255, 244, 214, 255];
    const sky = mix(top, bottom, y / SIZE);
    const glow = Math.max(0, 1 - (d - sun.r) / 60) * 0.5;
    return [...mix(sky, [255, 236, 190], glow), 255];
  });
}
