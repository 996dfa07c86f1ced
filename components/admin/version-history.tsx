'use client';

import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import type { Version } from '@/lib/personas/queries';
import type { PersonaFields } from '@/lib/personas/schemas';
import { adminFetch } from './api';

const LABELS: Partial<Record<keyof PersonaFields, string>> = {
  instructions: 'System instructions',
  greeting: 'Greeting',
  alternateGreetings: 'Alternate greetings',
  exampleDialogue: 'Example dialogue',
  postHistoryInstructions: 'Post-history instructions',
  defaultModel: 'Default model',
  fallbackModels: 'Fallback models',
  maxOutputTokens: 'Max output tokens',
  accentColor: 'Accent colour',
  cardExtra: 'Card extras',
  characterVersion: 'Character version',
  creatorNotes: 'Creator notes',
};
const label = (key: string) => LABELS[key as keyof PersonaFields] ?? key.charAt(0).toUpperCase() + key.slice(1);
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 1)) || '(empty)';

/** Every save of the persona; compare any two, restore one (which saves it as a new version). */
export function VersionHistory({
  personaId,
  versions,
  onRestore,
  busy,
}: {
  personaId: string;
  versions: Version[];
  onRestore: (version: number) => void;
  busy: boolean;
}) {
  const [a, setA] = useState(versions[1]?.version ?? versions[0]?.version ?? 0);
  const [b, setB] = useState(versions[0]?.version ?? 0);
  const [diff, setDiff] = useState<{ key: string; before: unknown; after: unknown }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  if (versions.length === 0)
    return <p className="text-sm text-ink-faint">No versions yet: the first save creates one.</p>;

  const compare = async () => {
    setLoading(true);
    setError(null);
    const [left, right] = await Promise.all(
      [a, b].map((v) => adminFetch<{ fields: PersonaFields }>(`/api/admin/personas/${personaId}/versions/${v}`)),
    );
    setLoading(false);
    if (!left!.ok || !right!.ok)
      return setError(
        (!left!.ok ? left!.error : !right!.ok ? right!.error : null)?.message ?? 'Could not load the versions.',
      );
    const before = left!.data.fields as Record<string, unknown>;
    const after = right!.data.fields as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    setDiff(
      keys
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .map((key) => ({ key, before: before[key], after: after[key] })),
    );
  };

  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version}
    </option>
  ));
  return (
    <div className="space-y-4">
      <ol className="max-h-64 space-y-1 overflow-y-auto text-sm">
        {versions.map((v) => (
          <li
            key={v.version}
            className="flex items-center justify-between gap-2 rounded-lg px-2 py-1.5 hover:bg-sunken"
          >
            <span className="min-w-0">
              <span className="font-medium">v{v.version}</span> <span className="text-ink-soft">{v.note}</span>
              <span className="block truncate text-xs text-ink-faint">
                {v.authorName ?? 'System'} ·{' '}
                <time dateTime={v.createdAt}>
                  {new Date(v.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </span>
            </span>
            {v.version !== versions[0]!.version && (
              <button
                type="button"
                className={`${buttonStyles.ghost} shrink-0 !px-2 !py-1 text-xs`}
                disabled={busy}
                onClick={() => onRestore(v.version)}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col gap-1">
            <span className="text-xs text-ink-faint">From</span>
            <select
              value={a}
              onChange={(e) => setA(Number(e.target.value))}
              className="rounded-lg border border-line bg-raised px-2 py-1"
            >
              {options}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-ink-faint">To</span>
            <select
              value={b}
              onChange={(e) => setB(Number(e.target.value))}
              className="rounded-lg border border-line bg-raised px-2 py-1"
            >
              {options}
            </select>
          </label>
          <button
            type="button"
            className={`${buttonStyles.secondary} !py-1.5`}
            onClick={() => void compare()}
            disabled={loading || a === b}
          >
            {loading ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {diff && (
        <div aria-live="polite">
          {diff.length === 0 ? (
            <p className="text-sm text-ink-faint">
              v{a} and v{b} are the same.
            </p>
          ) : (
            <dl className="space-y-3 text-xs">
              {diff.map((d) => (
                <div key={d.key}>
                  <dt className="mb-1 font-medium text-ink-soft">{label(d.key)}</dt>
                  <dd className="grid gap-1 sm:grid-cols-2">
                    <pre className="overflow-x-auto rounded-lg bg-red-50 p-2 whitespace-pre-wrap text-red-900 dark:bg-red-950/40 dark:text-red-200">
                      <span className="sr-only">v{a}: </span>
                      {show(d.before)}
                    </pre>
                    <pre className="overflow-x-auto rounded-lg bg-emerald-50 p-2 whitespace-pre-wrap text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
                      <span className="sr-only">v{b}: </span>
                      {show(d.after)}
                    </pre>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
    </div>
  );
}
