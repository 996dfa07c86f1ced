import { describe, expect, it } from 'vitest';
import { assertStrongPassword, passwordProblem } from './password-strength';

describe('password strength', () => {
  it('refuses 12345678 and other common, breached or patterned passwords, saying why', () => {
    expect(passwordProblem('12345678')).toBe(
      'This is a heavily used password. Choose another: a few unrelated words together are strong and easy to remember.',
    );
    for (const weak of ['password', 'qwertyuiop', 'iloveyou123', 'P@ssw0rd!', 'abcdefgh', 'aaaaaaaa', 'Summer2024']) {
      expect(passwordProblem(weak), weak).not.toBeNull();
    }
  });

  it('refuses a password built on the person’s own email or name, or on the site', () => {
    expect(passwordProblem('lindqvist2026', ['maya@example.com', 'Maya Lindqvist'])).not.toBeNull();
    expect(passwordProblem('lindqvist2026')).toBeNull();
    expect(passwordProblem('hearth2026')).not.toBeNull();
  });

  it('accepts passphrases and long random strings', () => {
    for (const strong of [
      'correct horse battery',
      'a quiet harbour at dusk',
      'Xk9#mQ2$vL7!pR4w',
      'tulip kettle orbit',
    ]) {
      expect(passwordProblem(strong), strong).toBeNull();
    }
  });

  it('refuses with a 400 naming the field', () => {
    expect(() => assertStrongPassword('12345678')).toThrow(expect.objectContaining({ status: 400, param: 'password' }));
    expect(() => assertStrongPassword('12345678', [], 'newPassword')).toThrow(
      expect.objectContaining({ param: 'newPassword' }),
    );
  });
});
