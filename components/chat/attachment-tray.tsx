'use client';

import { useState } from 'react';
import { CloseIcon, ImageIcon, MicIcon, RefreshIcon } from '@/components/ui/icons';
import type { PendingUpload } from './use-uploads';

/**
 * Thumbnails of what the next message carries, each with its progress, its state, a button that
 * cancels the upload or removes the file, and Retry when the connection (not the file) failed.
 * The first problem is also said below the composer.
 */
export function AttachmentTray({
  items,
  onRemove,
  onRetry,
}: {
  items: PendingUpload[];
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  if (!items.length) return null;
  return (
    <ul aria-label="Attachments" className="flex flex-wrap gap-2 px-1 pb-2">
      {items.map((item) => (
        <li
          key={item.key}
          className="relative"
          data-testid="attachment"
          data-state={item.state}
          title={item.state === 'error' ? item.error : undefined}
        >
          {item.kind === 'image' ? (
            <TrayImage item={item} />
          ) : (
            <div className="flex h-16 max-w-60 min-w-40 flex-col justify-center gap-0.5 rounded-2xl bg-sunken px-3 ring-1 ring-line">
              <span className="flex items-center gap-1.5 text-sm font-medium text-ink">
                <MicIcon className="size-4 text-ember-600" /> Voice note
              </span>
              <span className="line-clamp-2 text-xs leading-4 text-ink-soft" data-testid="attachment-transcript">
                {item.state === 'processing'
                  ? 'Transcribing…'
                  : item.uploaded?.transcript
                    ? `“${item.uploaded.transcript}”`
                    : (item.uploaded?.transcript_error ?? (item.state === 'uploading' ? 'Uploading…' : ''))}
              </span>
            </div>
          )}
          {(item.state === 'uploading' || item.state === 'processing') && (
            <div
              className="absolute inset-x-2 bottom-1.5 h-1 overflow-hidden rounded-full bg-black/20"
              role="progressbar"
              aria-label={`Uploading ${item.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(item.progress * 100)}
            >
              <div
                className={`h-full rounded-full bg-ember-500 transition-[width] ${item.state === 'processing' ? 'motion-safe:animate-pulse' : ''}`}
                style={{ width: `${Math.round(item.progress * 100)}%` }}
              />
            </div>
          )}
          {item.state === 'error' && <span className="sr-only">Failed: {item.error}</span>}
          {item.state === 'error' && item.retryable && (
            <button
              type="button"
              onClick={() => onRetry(item.key)}
              aria-label={`Retry ${item.name}`}
              title="Try again"
              className="absolute bottom-1 left-1 flex size-6 items-center justify-center rounded-full bg-ember-600 text-white shadow ring-2 ring-raised hover:bg-ember-700"
            >
              <RefreshIcon className="size-3.5" />
            </button>
          )}
          <button
            type="button"
            onClick={() => onRemove(item.key)}
            aria-label={
              item.state === 'uploading' || item.state === 'processing'
                ? `Cancel upload of ${item.name}`
                : `Remove ${item.name}`
            }
            className="absolute -top-1.5 -right-1.5 flex size-6 items-center justify-center rounded-full bg-stone-900 text-white shadow ring-2 ring-raised hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900"
          >
            <CloseIcon className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The picked image, or, when its bytes are not a picture the browser can show, a tile saying so. */
function TrayImage({ item }: { item: PendingUpload }) {
  const [unreadable, setUnreadable] = useState(false);
  if (unreadable)
    return (
      <div
        role="img"
        aria-label={`${item.name}: not a picture`}
        className="flex size-16 flex-col items-center justify-center gap-0.5 rounded-2xl bg-sunken px-1 text-ink-faint ring-1 ring-line"
      >
        <ImageIcon className="size-5" />
        <span className="w-full truncate text-center text-[10px] leading-3">{item.name}</span>
      </div>
    );
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset
    <img
      src={item.previewUrl}
      alt={item.name}
      onError={() => setUnreadable(true)}
      className={`size-16 rounded-2xl object-cover ring-1 ring-line ${item.state === 'error' ? 'opacity-40' : ''}`}
    />
  );
}
