import { describe, expect, it } from 'vitest';
import { holdsExcess, isQuiet } from './idle-collection';

const MiB = 2 ** 20;
const reading = (heapUsed: number, rss: number) => ({ heapUsed: heapUsed * MiB, rss: rss * MiB });

describe('idle collection', () => {
  it('calls a server quiet when nothing is at work and its heap barely moved', () => {
    expect(isQuiet(reading(400, 600), reading(401, 600), false)).toBe(true);
  });

  it('never calls a server quiet while replies are being written', () => {
    expect(isQuiet(reading(400, 600), reading(400, 600), true)).toBe(false);
  });

  it('reads a heap that grew fast, or dropped as V8 collected by itself, as load', () => {
    expect(isQuiet(reading(300, 600), reading(420, 600), false)).toBe(false);
    expect(isQuiet(reading(400, 600), reading(200, 600), false)).toBe(false);
  });

  it('gives back only what is well past what the last collection left', () => {
    const floor = reading(90, 190);
    expect(holdsExcess(reading(120, 700), floor)).toBe(true);
    expect(holdsExcess(reading(95, 200), floor)).toBe(false);
  });
});
