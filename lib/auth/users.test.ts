import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuest, registrationOpen, signUpWithPassword } from './users';

describe('email sign-up', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is open unless REGISTRATION_OPEN is false', () => {
    expect(registrationOpen({})).toBe(true);
    expect(registrationOpen({ REGISTRATION_OPEN: 'true' })).toBe(true);
    expect(registrationOpen({ REGISTRATION_OPEN: ' FALSE ' })).toBe(false);
  });

  it('refuses with a 403 when closed, before looking at the input', async () => {
    vi.stubEnv('REGISTRATION_OPEN', 'false');
    await expect(signUpWithPassword({}, 'http://hearth.test')).rejects.toMatchObject({
      status: 403,
      type: 'permission_error',
    });
  });

  it('closes guest sessions too when closed, before touching the database', async () => {
    vi.stubEnv('REGISTRATION_OPEN', 'false');
    await expect(createGuest()).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('guest sessions included'),
    });
  });

  it('names the field at fault in a 400', async () => {
    await expect(
      signUpWithPassword({ email: 'not an email', password: 'long enough' }, 'http://hearth.test'),
    ).rejects.toMatchObject({
      status: 400,
      param: 'email',
    });
  });
});
