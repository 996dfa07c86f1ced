import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ActionToolbar } from './action-toolbar';

function renderToolbar() {
  render(
    <ActionToolbar label="Reply" className="">
      <button type="button">Copy</button>
      <button type="button">Read aloud</button>
      <button type="button">Regenerate</button>
    </ActionToolbar>,
  );
  return ['Copy', 'Read aloud', 'Regenerate'].map((name) => screen.getByRole('button', { name }));
}

describe("a message's actions", () => {
  it('are one Tab stop (review D24)', () => {
    const buttons = renderToolbar();
    expect(screen.getByRole('toolbar', { name: 'Reply' })).toBeTruthy();
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
  });

  it('are walked with the arrow keys, Home and End, and Tab comes back to the last one used', () => {
    const [copy, read, regenerate] = renderToolbar();
    copy!.focus();
    fireEvent.keyDown(copy!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(read);
    fireEvent.keyDown(read!, { key: 'End' });
    expect(document.activeElement).toBe(regenerate);
    fireEvent.keyDown(regenerate!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(copy);
    fireEvent.keyDown(copy!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(regenerate);
    expect([copy, read, regenerate].map((b) => b!.tabIndex)).toEqual([-1, -1, 0]);
  });
});
