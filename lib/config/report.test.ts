import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from './problem';
import { formatProblems, reportConfiguration } from './report';

const REFUSAL: Problem = {
  level: 'refusal',
  code: 'database_missing',
  setting: 'DATABASE_URL',
  message: 'Set DATABASE_URL.',
};
const WARNING: Problem = {
  level: 'warning',
  code: 'redis_missing',
  setting: 'REDIS_URL',
  message: 'REDIS_URL is not set.',
};

describe('reportConfiguration', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete (globalThis as { __hearthConfigReported?: boolean }).__hearthConfigReported;
  });

  it('lists the refusals under one heading and says the start must stop', () => {
    expect(formatProblems([REFUSAL, WARNING])).toEqual({
      refusals: '[hearth] Hearth cannot start until this is fixed:\n  - Set DATABASE_URL.',
      warnings: ['[hearth] warning: REDIS_URL is not set.'],
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(reportConfiguration([REFUSAL])).toBe(false);
    expect(error).toHaveBeenCalledWith('\n[hearth] Hearth cannot start until this is fixed:\n  - Set DATABASE_URL.\n');
  });

  it('prints warnings once per process, however often the start module is loaded, and goes on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(reportConfiguration([WARNING])).toBe(true);
    expect(reportConfiguration([WARNING])).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('[hearth] warning: REDIS_URL is not set.');
  });
});
