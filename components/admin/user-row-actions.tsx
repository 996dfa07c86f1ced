'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { adminFetch, jsonInit } from './api';
import { useConfirm } from './use-confirm';

/** Role and access for one account. Yourself: read-only (another admin must change you). */
export function UserRowActions({
  id,
  label,
  role,
  disabled,
  self,
}: {
  id: string;
  label: string;
  role: 'user' | 'admin';
  disabled: boolean;
  self: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { ask, dialog } = useConfirm();
  if (self) return <span className="text-xs text-ink-faint">You</span>;

  type Question = Parameters<typeof ask>[0];
  const change = async (body: { role?: 'user' | 'admin'; disabled?: boolean }, question?: Question) => {
    if (question && !(await ask(question))) return;
    setBusy(true);
    const result = await adminFetch(`/api/admin/users/${id}`, jsonInit('PATCH', body));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    router.refresh();
  };

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <label className="sr-only" htmlFor={`role-${id}`}>
        Role of {label}
      </label>
      <select
        id={`role-${id}`}
        value={role}
        disabled={busy}
        onChange={(e) =>
          void change(
            { role: e.target.value as 'user' | 'admin' },
            e.target.value === 'admin'
              ? {
                  title: `Make ${label} an admin?`,
                  body: 'Admins edit personas, manage accounts and see usage totals.',
                  confirmLabel: 'Make admin',
                }
              : undefined,
          )
        }
        className="rounded-lg border border-line bg-raised px-2 py-1 text-xs"
      >
        <option value="user">User</option>
        <option value="admin">Admin</option>
      </select>
      <button
        type="button"
        disabled={busy}
        className={`${disabled ? buttonStyles.secondary : buttonStyles.ghost} !px-2.5 !py-1 text-xs ${disabled ? '' : 'text-red-700 dark:text-red-400'}`}
        onClick={() =>
          void change(
            { disabled: !disabled },
            disabled
              ? undefined
              : {
                  title: `Disable ${label}?`,
                  body: 'They are signed out at once and their API keys stop working. You can enable the account again.',
                  confirmLabel: 'Disable',
                },
          )
        }
      >
        {disabled ? 'Enable' : 'Disable'}
      </button>
      {error && (
        <p role="alert" className="w-full text-right text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {dialog}
    </div>
  );
}
