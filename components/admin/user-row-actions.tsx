'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { adminFetch, jsonInit } from './api';

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
  if (self) return <span className="text-xs text-ink-faint">You</span>;

  const change = async (body: { role?: 'user' | 'admin'; disabled?: boolean }, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
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
              ? `Make ${label} an admin? Admins edit personas and see usage totals.`
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
            disabled ? undefined : `Disable ${label}? They are signed out and their API keys stop working.`,
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
    </div>
  );
}
