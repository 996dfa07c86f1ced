import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BranchSwitcher } from './branch-switcher';

const ids = ['a', 'b', 'c'];

function renderAt(messageId: string, alternatives = ids, disabled = false) {
  const onChoose = vi.fn();
  const { container } = render(
    <BranchSwitcher
      messageId={messageId}
      alternatives={alternatives}
      noun="reply"
      align="start"
      disabled={disabled}
      onChoose={onChoose}
    />,
  );
  return { onChoose, container };
}

describe('the versions of a message', () => {
  it('say where this one stands and move to the one before or after it', () => {
    const { onChoose } = renderAt('b');
    expect(screen.getByRole('group', { name: 'Versions of this reply' }).textContent).toContain('Version 2 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Previous version of this reply' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next version of this reply' }));
    expect(onChoose.mock.calls).toEqual([['a'], ['c']]);
  });

  it('stop at either end, and wait while a reply is being written', () => {
    renderAt('a');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous version of this reply' }).disabled).toBe(
      true,
    );
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next version of this reply' }).disabled).toBe(false);
    const busy = renderAt('b', ids, true);
    for (const button of busy.container.querySelectorAll('button')) expect(button.disabled).toBe(true);
  });

  it('are not shown for a message that has no other version', () => {
    const { container } = renderAt('a', ['a']);
    expect(container.innerHTML).toBe('');
  });
});
