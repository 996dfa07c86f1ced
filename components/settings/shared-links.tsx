'use client';

import { useEffect, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { fetchShareLinks, type ShareLink } from '@/components/sharing/share-requests';
import { SharedLinkItem } from '@/components/sharing/shared-link-item';

/**
 * Settings' list of every conversation the person shared by link, newest first: copy, open or
 * turn off each. It loads its own list (no props), with a skeleton, an empty state and a retry.
 */
export function SharedLinks() {
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    fetchShareLinks().then(
      (loaded) => current && setLinks(loaded),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const retry = () => {
    setError(null);
    setAttempt((n) => n + 1);
  };

  if (error) {
    return (
      <div role="alert" className="rounded-2xl border border-line bg-raised p-6">
        <p className="font-medium">Your shared links couldn’t be loaded.</p>
        <p className="mt-1 text-sm text-ink-soft">{error}</p>
        <button type="button" onClick={retry} className={`${buttonStyles.secondary} mt-4`}>
          Try again
        </button>
      </div>
    );
  }
  if (links === null) {
    return (
      <div
        role="status"
        aria-busy="true"
        aria-label="Loading shared links"
        className="h-32 animate-pulse rounded-2xl bg-sunken"
      />
    );
  }
  if (links.length === 0) {
    return (
      <div className="rounded-2xl border border-dashed border-line px-6 py-10 text-center">
        <p className="font-medium">No shared links</p>
        <p className="mt-1 text-sm text-ink-faint">
          To share a conversation, open it and choose “Share a link…” from the ⋯ menu at the top.
        </p>
      </div>
    );
  }
  return (
    <ul
      aria-label="Shared links"
      className="divide-y divide-line overflow-hidden rounded-2xl border border-line bg-raised"
    >
      {links.map((link) => (
        <SharedLinkItem
          key={link.id}
          link={link}
          withTitle
          onTurnedOff={(id) => setLinks((current) => current?.filter((l) => l.id !== id) ?? null)}
        />
      ))}
    </ul>
  );
}
