'use client';

import { ChevronLeftIcon, ChevronRightIcon } from '@/components/ui/icons';

type Props = {
  /** The message shown and the ones that could stand in its place, oldest first (it among them). */
  messageId: string;
  alternatives: string[];
  /** "reply" or "message": what the versions are of, for screen readers. */
  noun: string;
  align: 'start' | 'end';
  disabled: boolean;
  onChoose: (messageId: string) => void;
};

/**
 * "‹ 2 / 3 ›" under a message that has other versions: the replies a regenerate kept, the edits
 * that forked the conversation. Moving to another version shows the conversation as it went on
 * from there. Always in view, unlike the message's actions: it says the conversation has branches.
 */
export function BranchSwitcher({ messageId, alternatives, noun, align, disabled, onChoose }: Props) {
  const at = alternatives.indexOf(messageId);
  if (alternatives.length < 2 || at < 0) return null;
  const previous = alternatives[at - 1];
  const next = alternatives[at + 1];
  return (
    <div
      role="group"
      aria-label={`Versions of this ${noun}`}
      className={`flex items-center gap-0.5 text-xs text-ink-faint tabular-nums ${align === 'end' ? 'justify-end' : 'pl-0.5'}`}
      data-testid="branch-switcher"
    >
      <StepButton label={`Previous version of this ${noun}`} to={previous} disabled={disabled} onChoose={onChoose}>
        <ChevronLeftIcon className="size-3.5" />
      </StepButton>
      <span aria-hidden="true">
        {at + 1} / {alternatives.length}
      </span>
      <span className="sr-only" aria-live="polite">
        Version {at + 1} of {alternatives.length}
      </span>
      <StepButton label={`Next version of this ${noun}`} to={next} disabled={disabled} onChoose={onChoose}>
        <ChevronRightIcon className="size-3.5" />
      </StepButton>
    </div>
  );
}

function StepButton({
  label,
  to,
  disabled,
  onChoose,
  children,
}: {
  label: string;
  /** The version it moves to; none at either end. */
  to: string | undefined;
  disabled: boolean;
  onChoose: (messageId: string) => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled || !to}
      onClick={() => to && onChoose(to)}
      className="rounded-lg p-1 hover:bg-sunken hover:text-ink disabled:opacity-40 disabled:hover:bg-transparent"
    >
      {children}
    </button>
  );
}
