'use client';

import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';

type Props = {
  name: string;
  /** Null for a persona not created yet. */
  saved: { archived: boolean } | null;
  published: boolean;
  version: number;
  dirty: boolean;
  busy: boolean;
  showPreview: boolean;
  onTogglePreview: () => void;
  onTogglePublished: () => void;
  onSave: () => void;
};

/** The studio's sticky bar: where the persona stands (archived, published or a draft; its version; unsaved changes) and its saves. */
export function StudioBar({
  name,
  saved,
  published,
  version,
  dirty,
  busy,
  showPreview,
  onTogglePreview,
  onTogglePublished,
  onSave,
}: Props) {
  return (
    <div className="sticky top-0 z-10 -mx-4 mb-6 flex flex-wrap items-center gap-2 border-b border-line bg-surface/90 px-4 py-3 backdrop-blur sm:-mx-8 sm:px-8">
      <div className="mr-auto min-w-0">
        <p className="text-xs text-ink-faint">
          <Link href="/admin/personas" className="hover:underline">
            Personas
          </Link>{' '}
          /
        </p>
        <h1 className="truncate text-xl font-semibold tracking-tight">{name || 'New persona'}</h1>
        <p className="text-xs text-ink-faint">
          <span
            className={`mr-1.5 inline-block rounded-full px-2 py-0.5 font-medium ${published ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' : 'bg-sunken text-ink-soft'}`}
          >
            {saved?.archived ? 'Archived' : published ? 'Published' : 'Draft'}
          </span>
          {version > 0 ? `Version ${version}` : 'Not saved yet'}
          {dirty && <span className="ml-1.5 text-ember-700 dark:text-ember-300">· Unsaved changes</span>}
        </p>
      </div>
      <button
        type="button"
        className={`${buttonStyles.secondary} lg:hidden`}
        onClick={onTogglePreview}
        aria-expanded={showPreview}
        aria-controls="studio-preview"
      >
        {showPreview ? 'Hide preview' : 'Preview'}
      </button>
      {saved && (
        <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={onTogglePublished}>
          {published ? 'Unpublish' : 'Publish'}
        </button>
      )}
      <button
        type="button"
        className={buttonStyles.primary}
        disabled={busy || (!dirty && saved !== null)}
        onClick={onSave}
      >
        {busy ? 'Saving…' : saved ? 'Save' : 'Create draft'}
      </button>
    </div>
  );
}
