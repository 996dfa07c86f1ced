import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { testKeys } from './e2e/test-keys';
import { chromiumLaunch } from './e2e/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const FAKE_OPENAI_PORT = PORT + 100;
// scripts/dev-mail.ts (SMTP and its /messages.json) and scripts/fake-oauth.ts (GitHub and Google).
const MAIL_SMTP_PORT = PORT + 120;
const MAIL_HTTP_PORT = PORT + 121;
const FAKE_OAUTH_PORT = PORT + 122;
// A fresh embedded database for every run (the server command wipes it first), or the
// PostgreSQL at E2E_DATABASE_URL (CI: a fresh Supabase-shaped database behind the pooler).
const DATA_DIR = path.join(process.cwd(), '.data', 'e2e');
const KEYS = testKeys();
const DATABASE: Record<string, string> = process.env.E2E_DATABASE_URL
  ? { DATABASE_URL: process.env.E2E_DATABASE_URL, NEXTAUTH_SECRET: 'e2e-shared-secret-for-every-instance' }
  : {};
// E2E_STORAGE=supabase: the server keeps files in a loopback Supabase Storage API instead of on
// disk, and the browser uploads straight to it (e.g. `E2E_STORAGE=supabase npx playwright test e2e/media.spec.ts`).
const SUPABASE_STORAGE = process.env.E2E_STORAGE === 'supabase';
const FAKE_STORAGE_PORT = PORT + 110;
const FAKE_STORAGE_KEY = 'e2e-service-role-key';

// Specs that change what every other spec sees (an admin publishing companions, one admin account
// for two specs, the sweep of every page), compare counts of what every spec does (the ratings on
// the dashboard) or start two servers of their own: CI runs them on their own after the rest, which
// run two at a time (`--project=shared --workers=2`, then `--project=alone`).
const ALONE = ['accessibility', 'admin', 'admin-cards', 'installable', 'instances', 'ratings-admin'].map(
  (name) => `${name}.spec.ts`,
);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunch(),
  },
  projects: [
    { name: 'shared', testIgnore: ALONE, use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'alone', testMatch: ALONE, use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: [
    {
      // Loopback servers speaking OpenAI's wire protocol: OpenAI is "configured" without a real key.
      command: 'node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/fake-providers.ts',
      port: FAKE_OPENAI_PORT,
      reuseExistingServer: false,
      env: {
        FAKE_OPENAI_PORT: String(FAKE_OPENAI_PORT),
        FAKE_GEMINI_PORT: String(FAKE_OPENAI_PORT + 1),
        FAKE_GROQ_PORT: String(FAKE_OPENAI_PORT + 2),
        FAKE_ELEVENLABS_PORT: String(FAKE_OPENAI_PORT + 3),
        FAKE_PROVIDERS_KEY: KEYS.OPENAI_API_KEY!,
        FAKE_PROVIDERS_FIRST_TOKEN_MS: '200',
        FAKE_PROVIDERS_WORD_MS: '30',
      },
    },
    ...(SUPABASE_STORAGE
      ? [
          {
            command: 'node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/fake-storage.ts',
            port: FAKE_STORAGE_PORT,
            reuseExistingServer: false,
            env: { FAKE_STORAGE_PORT: String(FAKE_STORAGE_PORT), FAKE_STORAGE_KEY },
          },
        ]
      : []),
    {
      command: 'node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/dev-mail.ts',
      url: `http://127.0.0.1:${MAIL_HTTP_PORT}/messages.json`,
      reuseExistingServer: false,
      env: { MAIL_CATCHER_SMTP_PORT: String(MAIL_SMTP_PORT), MAIL_CATCHER_HTTP_PORT: String(MAIL_HTTP_PORT) },
    },
    {
      command: 'node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/fake-oauth.ts',
      url: `http://127.0.0.1:${FAKE_OAUTH_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: { FAKE_OAUTH_PORT: String(FAKE_OAUTH_PORT) },
    },
    {
      // As the README starts it (npm start: package.json's start script, with its allocator setting).
      command: `rm -rf "${DATA_DIR}" && npm start --silent -- -H 127.0.0.1 -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/signin`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        HEARTH_DATA_DIR: DATA_DIR,
        ...DATABASE,
        // Slow enough that a test can see a reply half written.
        OFFLINE_MODEL_FIRST_TOKEN_MS: '300',
        OFFLINE_MODEL_WORD_MS: '80',
        ...KEYS,
        OPENAI_BASE_URL: `http://127.0.0.1:${FAKE_OPENAI_PORT}/v1`,
        // e2e/api-guard.spec.ts: high enough for every other spec, low enough to reach in a test
        // (guests too, who would otherwise get half).
        RATE_LIMIT_REQUESTS_PER_MINUTE: '200',
        RATE_LIMIT_REQUESTS_PER_MINUTE_GUEST: '200',
        // Every spec shares this server and, without TRUST_PROXY, one client address; the quotas'
        // refusals are tested on a server of their own (e2e/rate-limit.spec.ts).
        RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
        RATE_LIMIT_MESSAGES_PER_HOUR: '0',
        RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
        RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
        ALLOWED_ORIGINS: 'https://allowed.example',
        // The admin specs and the accessibility sweep: signing up with one of these, and confirming it, makes an admin.
        ADMIN_EMAILS:
          'admin@e2e.hearth.local,cards-admin@e2e.hearth.local,a11y-admin@e2e.hearth.local,ratings-admin@e2e.hearth.local,moderator@e2e.hearth.local',
        ...(SUPABASE_STORAGE
          ? { SUPABASE_URL: `http://127.0.0.1:${FAKE_STORAGE_PORT}`, SUPABASE_SERVICE_ROLE_KEY: FAKE_STORAGE_KEY }
          : {}),
        // Mail goes to the catcher; links point here (in production they never come from a request).
        SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
        MAIL_FROM: 'Hearth <hello@e2e.hearth.local>',
        NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
        GITHUB_ID: 'fake-github-client',
        GITHUB_SECRET: 'fake-github-secret',
        GITHUB_OAUTH_BASE_URL: `http://127.0.0.1:${FAKE_OAUTH_PORT}`,
        GOOGLE_CLIENT_ID: 'fake-google-client.apps.googleusercontent.com',
        GOOGLE_CLIENT_SECRET: 'fake-google-secret',
        GOOGLE_OAUTH_BASE_URL: `http://127.0.0.1:${FAKE_OAUTH_PORT}`,
      },
    },
  ],
});
