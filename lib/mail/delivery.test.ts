import { afterEach, describe, expect, it, vi } from 'vitest';
import { configProblems, loadConfig } from '@/lib/config';
import { linkOrigin, mailAvailable, mailDelivery } from './delivery';
import { resetPasswordMessage, signUpAttemptMessage, verifyEmailMessage } from './messages';
import { sendMail } from './send';

const writable = { dataDirWritable: true };

describe('how mail leaves the server', () => {
  afterEach(() => vi.restoreAllMocks());

  it('goes by SMTP when one is set, to the log in development or with MAIL_TO_LOG=1, and nowhere in production without either', () => {
    expect(
      mailDelivery(
        loadConfig({
          SMTP_URL: 'smtp://mail.example.com:587',
          NEXTAUTH_URL: 'https://hearth.example.com',
          NODE_ENV: 'production',
        }),
      ),
    ).toEqual({ mode: 'smtp', alsoLog: false });
    expect(
      mailDelivery(
        loadConfig({ SMTP_HOST: 'mail.example.com', SMTP_PORT: '465', SMTP_SECURE: 'true', NODE_ENV: 'development' }),
      ),
    ).toEqual({ mode: 'smtp', alsoLog: false });
    expect(mailDelivery(loadConfig({ NODE_ENV: 'development' }))).toEqual({ mode: 'log' });
    expect(mailDelivery(loadConfig({ NODE_ENV: 'production', MAIL_TO_LOG: '1' }))).toEqual({ mode: 'log' });
    expect(mailDelivery(loadConfig({ NODE_ENV: 'production' }))).toEqual({ mode: 'off', reason: 'no_smtp' });
    expect(mailAvailable(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
  });

  it('sends no links in production unless their host comes from the settings, never from a request', () => {
    const noOrigin = loadConfig({ SMTP_URL: 'smtp://mail.example.com', NODE_ENV: 'production' });
    expect(mailDelivery(noOrigin)).toEqual({ mode: 'off', reason: 'no_origin' });
    expect(configProblems(noOrigin, writable).map((p) => p.code)).toContain('mail_origin_missing');
    const configured = loadConfig({
      SMTP_URL: 'smtp://mail.example.com',
      NODE_ENV: 'production',
      NEXTAUTH_URL: 'https://hearth.example.com/',
    });
    expect(linkOrigin('https://evil.example', configured)).toBe('https://hearth.example.com');
    expect(linkOrigin('https://evil.example', loadConfig({ VERCEL: '1', VERCEL_URL: 'hearth-abc.vercel.app' }))).toBe(
      'https://hearth-abc.vercel.app',
    );
    expect(linkOrigin('http://localhost:3000/signup', loadConfig({ NODE_ENV: 'development' }))).toBe(
      'http://localhost:3000',
    );
  });

  it('warns about SMTP without MAIL_FROM, and refuses a value that is not an SMTP URL or a flag', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example.com', NEXTAUTH_URL: 'https://hearth.example.com' });
    expect(configProblems(config, writable).map((p) => p.code)).toEqual(['mail_from_missing']);
    expect(
      configProblems(
        loadConfig({ SMTP_URL: 'smtp://m', MAIL_FROM: 'Hearth <a@b.c>', NEXTAUTH_URL: 'https://h.example' }),
        writable,
      ),
    ).toEqual([]);
    const invalid = loadConfig({
      SMTP_URL: 'mail.example.com',
      MAIL_TO_LOG: 'sometimes',
      SMTP_PORT: '99999',
    }).invalid.map((p) => p.setting);
    expect(invalid.sort()).toEqual(['MAIL_TO_LOG', 'SMTP_PORT', 'SMTP_URL']);
  });

  it('prints a message with its link in development, and drops it with a line that names no link in production', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const message = verifyEmailMessage({
      to: 'ada@example.com',
      name: 'Ada',
      link: 'http://localhost:3000/verify-email?token=abc',
    });
    await sendMail(message, loadConfig({ NODE_ENV: 'development' }));
    expect(info.mock.calls.flat().join('\n')).toContain('http://localhost:3000/verify-email?token=abc');
    info.mockClear();
    await sendMail(message, loadConfig({ NODE_ENV: 'production' }));
    expect(info).not.toHaveBeenCalled();
    expect(warn.mock.calls.flat().join('\n')).not.toContain('token=');
  });
});

describe('the messages', () => {
  it('greet by name, carry one clear link, and escape what a person typed', () => {
    const verify = verifyEmailMessage({
      to: 'a@b.c',
      name: '<b>Ada</b>',
      link: 'https://h.example/verify-email?token=t&x=1',
    });
    expect(verify.text).toContain('Hi <b>Ada</b>,');
    expect(verify.html).toContain('Hi &lt;b&gt;Ada&lt;/b&gt;,');
    expect(verify.html).toContain('href="https://h.example/verify-email?token=t&amp;x=1"');
    expect(
      resetPasswordMessage({ to: 'a@b.c', name: null, link: 'https://h.example/reset-password?token=t' }).text,
    ).toMatch(/^Hi,\n/);
    const attempt = signUpAttemptMessage({ to: 'a@b.c', name: null, origin: 'https://h.example' });
    expect(attempt.text).toContain('https://h.example/signin');
    expect(attempt.text).toContain('https://h.example/forgot-password');
    for (const m of [verify, attempt]) expect(m.text).not.toMatch(/SMTP|token hash|database|admin/i);
  });
});
