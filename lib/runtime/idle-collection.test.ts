import { describe, expect, it } from 'vitest';
import { shouldCollect } from './idle-collection';

const MiB = 2 ** 20;
const reading = (heapUsed: number, rss: number) => ({ heapUsed: heapUsed * MiB, rss: rss * MiB });

describe('shouldCollect', () => {
  const floor = reading(90, 100);

  it('collects once a server that grew under load goes quiet', () => {
    expect(shouldCollect(reading(400, 600), reading(401, 600), floor)).toBe(true);
  });

  it('leaves a busy server alone, however much it holds', () => {
    expect(shouldCollect(reading(300, 600), reading(420, 600), floor)).toBe(false);
  });

  it('leaves a quiet server alone when it holds about what the last collection left', () => {
    expect(shouldCollect(reading(95, 120), reading(95, 120), floor)).toBe(false);
  });

  it('counts a heap in use that went down (a collection of V8’s own) as quiet', () => {
    expect(shouldCollect(reading(400, 600), reading(200, 600), floor)).toBe(true);
  });
});
