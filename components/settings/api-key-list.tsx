import { KeyIcon } from '@/components/ui/icons';
import type { ApiKey } from '@/lib/api-keys/keys';
import { longDate, timeAgo } from '@/lib/format';
import { RevokeApiKeyButton } from './revoke-api-key-button';

/** The person's live keys: name, prefix, when made and last used, and Revoke. */
export function ApiKeyList({ keys }: { keys: ApiKey[] }) {
  if (keys.length === 0) {
    return (
      <div className="rounded-2xl border border-dashed border-line px-6 py-10 text-center">
        <KeyIcon className="mx-auto size-6 text-ink-faint" />
        <p className="mt-3 font-medium">No API keys yet</p>
        <p className="mt-1 text-sm text-ink-faint">Create one above to call Hearth from a script or another app.</p>
      </div>
    );
  }
  return (
    <ul aria-label="API keys" className="divide-y divide-line overflow-hidden rounded-2xl border border-line bg-raised">
      {keys.map((key) => (
        <li key={key.id} className="flex items-center gap-3 px-4 py-3.5">
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">{key.name}</p>
            <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-ink-faint">
              <code className="font-mono text-ink-soft">{key.prefix}…</code>
              <span>
                Created <time dateTime={key.createdAt.toISOString()}>{longDate(key.createdAt)}</time>
              </span>
              <span>
                {key.lastUsedAt ? (
                  <>
                    Last used <time dateTime={key.lastUsedAt.toISOString()}>{timeAgo(key.lastUsedAt)}</time>
                  </>
                ) : (
                  'Never used'
                )}
              </span>
            </p>
          </div>
          <RevokeApiKeyButton id={key.id} name={key.name} />
        </li>
      ))}
    </ul>
  );
}
