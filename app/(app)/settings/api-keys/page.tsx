import Link from 'next/link';
import { connection } from 'next/server';
import { ApiKeyList } from '@/components/settings/api-key-list';
import { CreateApiKeyForm } from '@/components/settings/create-api-key-form';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { listApiKeys } from '@/lib/auth/api-keys';
import { requireUser } from '@/lib/auth/session';
import { isVerified } from '@/lib/auth/verification';

export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  await connection();
  const user = await requireUser();
  const [keys, verified] = await Promise.all([listApiKeys(user), isVerified(user.id)]);

  return (
    <>
      <MobileHeader title="Settings" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
          <header>
            <p className="hidden text-sm font-medium text-ink-faint md:block">Settings</p>
            <h1 className="text-3xl md:mt-1 font-semibold tracking-tight">API keys</h1>
            <p className="mt-2 text-ink-soft">
              A key lets a script or another app use Hearth’s REST API as you. Send it as{' '}
              <code className="rounded bg-sunken px-1.5 py-0.5 font-mono text-sm whitespace-nowrap">Authorization: Bearer hk_…</code>.
            </p>
          </header>

          <section aria-labelledby="create-key-heading" className="mt-8 rounded-2xl border border-line bg-raised p-5 sm:p-6">
            <h2 id="create-key-heading" className="mb-4 text-lg font-semibold">Create a key</h2>
            {user.isGuest ? (
              <p className="text-sm text-ink-soft">
                API keys are for accounts, not guest sessions.{' '}
                <Link href="/signup" className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300">
                  Create an account
                </Link>{' '}
                to use the API.
              </p>
            ) : verified ? (
              <CreateApiKeyForm />
            ) : (
              <p className="text-sm text-ink-soft">
                Confirm your email address to create API keys.{' '}
                <Link href="/settings/security" className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300">
                  Go to Settings › Security
                </Link>
              </p>
            )}
          </section>

          <section aria-labelledby="your-keys-heading" className="mt-10">
            <h2 id="your-keys-heading" className="mb-3 text-lg font-semibold">Your keys</h2>
            <ApiKeyList keys={keys} />
          </section>
        </div>
      </main>
    </>
  );
}
