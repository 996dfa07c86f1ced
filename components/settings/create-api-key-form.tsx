'use client';

import { useState, useTransition } from 'react';
import { createApiKeyAction } from '@/app/(app)/settings/api-keys/actions';
import { Field } from '@/components/auth/field';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { apiKeyName, MAX_API_KEY_NAME_CHARS } from '@/lib/api-keys/schemas';
import { NewApiKey } from './new-api-key';

/** Names and creates a key, then shows it once. */
export function CreateApiKeyForm() {
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  // After "Done", focus goes back to the name field rather than being lost with the notice.
  const [refocus, setRefocus] = useState(false);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const create = (form: HTMLFormElement) => {
    const name = String(new FormData(form).get('name') ?? '');
    const checked = apiKeyName.safeParse(name);
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? 'Check the name.');
    setError(null);
    startTransition(async () => {
      const result = await createApiKeyAction(checked.data);
      if (!result.ok) return setError(result.error);
      setCreated({ key: result.key, name: checked.data });
      form.reset();
    });
  };

  if (created)
    return <NewApiKey name={created.name} apiKey={created.key} onDone={() => (setCreated(null), setRefocus(true))} />;

  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create(event.currentTarget);
      }}
    >
      <div className="min-w-0 flex-1">
        <Field
          label="Key name"
          name="name"
          placeholder="e.g. Laptop script"
          autoComplete="off"
          autoFocus={refocus}
          maxLength={MAX_API_KEY_NAME_CHARS}
          hint="So you know which one to revoke later."
          error={error}
          onChange={() => error && setError(null)}
        />
      </div>
      <button type="submit" disabled={pending || !hydrated} className={`${buttonStyles.primary} sm:mt-7`}>
        {pending ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}
