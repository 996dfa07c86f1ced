'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { changeModelAction } from '@/app/(app)/actions';
import type { ActionResult } from '@/lib/actions';

export type PickableModel = {
  id: string;
  name: string;
  available: boolean;
  unavailableReason: string | null;
  vision?: boolean;
};

/**
 * The conversation's model, among those this server can use. Models it cannot use are left out:
 * their reason names server settings, which are for the admin dashboard, not for the person chatting.
 */
export function ModelPicker({
  conversationId,
  model,
  models,
  change = (next) => changeModelAction(conversationId, next),
}: {
  conversationId: string;
  model: string;
  models: PickableModel[];
  /** How the choice is kept: the conversation's model by default. */
  change?: (model: string) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const known = models.some((m) => m.id === model);
  // The current model stays listed even when it stopped being usable, so the select shows the truth.
  const offered = models.filter((m) => m.available || m.id === model);

  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <label className="sr-only" htmlFor="model-picker">
        Model
      </label>
      <select
        id="model-picker"
        value={model}
        disabled={pending}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'model-picker-error' : undefined}
        title={error ?? undefined}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            const result = await change(next);
            setError(result.ok ? null : result.error);
            if (result.ok) router.refresh();
          });
        }}
        className="max-w-44 truncate rounded-full border border-line bg-raised px-2.5 py-1 text-xs text-ink-soft aria-invalid:border-red-400 sm:max-w-56"
      >
        {!known && <option value={model}>{model}</option>}
        {offered.map((m) => (
          <option key={m.id} value={m.id} disabled={!m.available}>
            {m.available ? m.name : `${m.name} (unavailable)`}
          </option>
        ))}
      </select>
      {error && (
        <span id="model-picker-error" role="alert" className="sr-only">
          {error}
        </span>
      )}
    </span>
  );
}
