'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { createShareLink, fetchShareLinks, type ShareLink } from './share-requests';
import { SharedLinkItem } from './shared-link-item';

type Props = { open: boolean; conversationId: string; companionName: string; onClose: () => void };

/**
 * Sharing one conversation: what a link holds, the conversation's live links (copy, turn off),
 * and a button that makes a new one from the messages as they are now.
 */
export function ShareDialog({ open, conversationId, companionName, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showName, setShowName] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setLinks(await fetchShareLinks(conversationId));
    } catch (e) {
      setLoadError((e as Error).message);
    }
  }, [conversationId]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      setLinks(null);
      setAnnouncement('');
      void load();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, load]);

  const create = async () => {
    setCreating(true);
    setCreateError(null);
    try {
      const link = await createShareLink(conversationId, showName);
      setLinks((current) => [link, ...(current ?? [])]);
      setAnnouncement('Link created. Copy it to share the conversation.');
    } catch (e) {
      setCreateError((e as Error).message);
    } finally {
      setCreating(false);
    }
  };

  return (
    <dialog
      ref={ref}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      aria-labelledby={titleId}
      className="m-auto w-[min(94vw,32rem)] rounded-2xl border border-line bg-raised p-0 text-ink shadow-2xl backdrop:bg-stone-950/50"
    >
      <div className="p-6 pb-4">
        <h2 id={titleId} className="text-lg font-semibold">
          Share this conversation
        </h2>
        <p className="mt-2 text-sm text-ink-soft">
          Anyone with the link can read the conversation as it is now, without signing in. Messages you send later stay
          private, and so do pictures, files and what {companionName} remembers about you.
        </p>
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {loadError ? (
        <div role="alert" className="mx-6 rounded-xl bg-sunken p-4 text-sm">
          <p>Your links couldn’t be loaded. {loadError}</p>
          <button type="button" onClick={load} className={`${buttonStyles.secondary} mt-3`}>
            Try again
          </button>
        </div>
      ) : links === null ? (
        <div
          aria-busy="true"
          aria-label="Loading your links"
          className="mx-6 h-24 animate-pulse rounded-xl bg-sunken"
        />
      ) : (
        links.length > 0 && (
          <ul aria-label="Links to this conversation" className="mx-6 divide-y divide-line rounded-xl ring-1 ring-line">
            {links.map((link) => (
              <SharedLinkItem
                key={link.id}
                link={link}
                onTurnedOff={(id) => {
                  setLinks((current) => current?.filter((l) => l.id !== id) ?? null);
                  setAnnouncement('Link turned off.');
                }}
              />
            ))}
          </ul>
        )
      )}
      <div className="space-y-4 p-6 pt-5">
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            checked={showName}
            onChange={(event) => setShowName(event.target.checked)}
            className="mt-0.5 size-4 accent-ember-700"
          />
          <span>
            Show my name on the page
            <span className="block text-xs text-ink-faint">Otherwise your messages are labelled “You”.</span>
          </span>
        </label>
        {createError && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {createError}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={onClose}>
            Done
          </button>
          <button type="button" className={buttonStyles.accent} onClick={create} disabled={creating || links === null}>
            {creating ? 'Creating…' : links?.length ? 'Create a new link' : 'Create link'}
          </button>
        </div>
      </div>
    </dialog>
  );
}
