import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorResponse, HearthError } from './errors';
import { signUp } from '@/lib/auth/schemas';
import { parseWith } from './validation/parse';

async function envelope(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: await response.json() };
}

describe('the error envelope', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers with the public type names and statuses', async () => {
    expect(await envelope(new HearthError('unauthorized', 'Sign in first.'))).toEqual({
      status: 401,
      body: { error: { type: 'authentication_error', message: 'Sign in first.' } },
    });
    expect((await envelope(new HearthError('provider_not_configured', 'Set GROQ_API_KEY.'))).body.error.type).toBe(
      'provider_not_configured',
    );
    expect((await envelope(new HearthError('provider_failed', 'Groq broke.'))).status).toBe(502);
  });

  it('names the offending field of a validation failure in param', async () => {
    const failure = (() => {
      try {
        parseWith(signUp, { email: 'maya@example.com', password: 'short' });
      } catch (error) {
        return error;
      }
    })();
    expect(await envelope(failure)).toEqual({
      status: 400,
      body: {
        error: { type: 'invalid_request_error', message: 'Passwords need at least 8 characters.', param: 'password' },
      },
    });
  });

  it('hides an unexpected error behind a generic api_error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, body } = await envelope(new Error('connection string postgres://secret@db'));
    expect(status).toBe(500);
    expect(body.error.type).toBe('api_error');
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
