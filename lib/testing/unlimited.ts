import { vi } from 'vitest';

/**
 * For route tests whose subject is not the limits: every rate limit off and the offline model
 * answering at once. The limits' own refusals are tested in app/api/v1/quota.test.ts.
 */
export function stubNoLimitsAndInstantReplies(): void {
  for (const name of [
    'REQUESTS_PER_MINUTE',
    'REQUESTS_PER_MINUTE_PER_IP',
    'MESSAGES_PER_HOUR',
    'MESSAGES_PER_HOUR_PER_IP',
    'SIGN_UPS_PER_HOUR_PER_IP',
  ])
    vi.stubEnv(`RATE_LIMIT_${name}`, '0');
  vi.stubEnv('OFFLINE_MODEL_FIRST_TOKEN_MS', '0');
  vi.stubEnv('OFFLINE_MODEL_WORD_MS', '0');
}
