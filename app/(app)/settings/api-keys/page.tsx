import Link from 'next/link';
import { connection } from 'next/server';
import { ApiKeyList } from '@/components/settings/api-key-list';
import { CreateApiKeyForm } from '@/components/settings/create-api-key-form';
import { listApiKeys } from '@/lib/api-keys/keys';
import { requireUser } from '@/lib/auth/session';
import { isVerified } from '@/lib/auth/verification';
import { SettingsPage } from '@/components/settings/settings-page';

export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  await connection();
  const user = await requireUser();
  const [keys, verified] = await Promise.all([listApiKeys(user), isVerified(user.id)]);

  return (
    <SettingsPage
      title="API keys"
      description={
        <>
          A key lets a script or another app use Hearth’s REST API as you. Send it as{' '}
          <code className="rounded bg-sunken px-1.5 py-0.5 font-mono text-sm whitespace-nowrap">
            Authorization: Bearer hk_…
          </code>
          .
        </>
      }
    >
      <section
        aria-labelledby="create-key-heading"
        className="mt-8 rounded-2xl border border-line bg-raised p-5 sm:p-6"
      >
        <h2 id="create-key-heading" className="mb-4 text-lg font-semibold">
          Create a key
        </h2>
        {user.isGuest ? (
          <p className="text-sm text-ink-soft">
            API keys are for accounts, not guest sessions.{' '}
            <Link
              href="/signup"
              className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300"
            >
              Create an account
            </Link>{' '}
            to use the API.
          </p>
        ) : verified ? (
          <CreateApiKeyForm />
        ) : (
          <p className="text-sm text-ink-soft">
            Confirm your email address to create API keys.{' '}
            <Link
              href="/settings/security"
              className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300"
            >
              Go to Settings › Security
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="your-keys-heading" className="mt-10">
        <h2 id="your-keys-heading" className="mb-3 text-lg font-semibold">
          Your keys
        </h2>
        <ApiKeyList keys={keys} />
      </section>
    </SettingsPage>
  );
}
