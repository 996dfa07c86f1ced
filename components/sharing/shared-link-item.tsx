'use client';

import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CheckIcon, CopyIcon } from '@/components/ui/icons';
import { longDate } from '@/lib/format';
import { turnOffShareLink, type ShareLink } from './share-requests';

/**
 * One live link: its address to copy, what it holds, and Turn off (after a confirmation). With
 * `withTitle`, which conversation it is, for the list in Settings.
 */
export function SharedLinkItem({
  link,
  withTitle = false,
  onTurnedOff,
}: {
  link: ShareLink;
  withTitle?: boolean;
  onTurnedOff: (id: string) => void;
}) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // the clipboard refused: the address stays selectable in the field
    }
  };
  const turnOff = async () => {
    setBusy(true);
    setError(null);
    try {
      await turnOffShareLink(link.id);
      setConfirming(false);
      onTurnedOff(link.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const details = [
    `${link.message_count} message${link.message_count === 1 ? '' : 's'}`,
    `shared ${longDate(new Date(link.created_at))}`,
    link.shows_name ? 'shows your name' : 'you appear as “You”',
  ].join(' · ');

  return (
    <li className="space-y-2 px-4 py-3.5" data-testid="shared-link">
      {withTitle && (
        <p className="truncate font-medium">
          {link.title} <span className="font-normal text-ink-faint">with {link.companion_name}</span>
        </p>
      )}
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={link.url}
          aria-label={withTitle ? `Link to “${link.title}”` : 'Shared link'}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-xl border border-line bg-sunken px-3 py-2 font-mono text-xs text-ink-soft"
        />
        <button type="button" onClick={copy} className={`${buttonStyles.secondary} shrink-0 px-3 py-2`}>
          {copied ? <CheckIcon /> : <CopyIcon />}
          <span>{copied ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <p className="text-xs text-ink-faint">{details}</p>
        <div className="flex items-center gap-1">
          <a href={link.url} target="_blank" rel="noopener" className={`${buttonStyles.ghost} px-2.5 py-1 text-xs`}>
            Open
          </a>
          <button
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={withTitle ? `Turn off the link to “${link.title}”` : 'Turn off this link'}
            className={`${buttonStyles.ghost} px-2.5 py-1 text-xs text-red-700 hover:text-red-700 dark:text-red-400 dark:hover:text-red-300`}
          >
            Turn off
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Turn off this link?"
        body="Anyone who opens it will see that it was turned off. You can share the conversation again with a new link."
        confirmLabel="Turn off link"
        busy={busy}
        busyLabel="Turning off…"
        error={confirming ? error : null}
        onConfirm={turnOff}
        onCancel={() => (setConfirming(false), setError(null))}
      />
    </li>
  );
}
