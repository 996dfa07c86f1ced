import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { StudioBar } from './studio-bar';

type BarProps = Parameters<typeof StudioBar>[0];
const defaults: BarProps = {
  name: '',
  saved: null,
  published: false,
  version: 0,
  dirty: false,
  busy: false,
  showPreview: false,
  onTogglePreview: () => {},
  onTogglePublished: () => {},
  onSave: () => {},
};
const bar = (props: Partial<BarProps>) => render(<StudioBar {...defaults} {...props} />);
const buttons = () =>
  screen
    .getAllByRole('button')
    .map((button) => `${button.textContent}${(button as HTMLButtonElement).disabled ? ' (disabled)' : ''}`);

describe('the studio bar', () => {
  it('offers a new persona its creation, whatever has been typed', () => {
    const { unmount } = bar({});
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New persona');
    expect(screen.getByText('Draft')).toBeTruthy();
    expect(screen.getByText('Not saved yet')).toBeTruthy();
    expect(buttons()).toEqual(['Preview', 'Create draft']);
    unmount();

    bar({ name: 'Juniper', dirty: true });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Juniper');
    expect(screen.getByText('· Unsaved changes')).toBeTruthy();
    expect(buttons()).toEqual(['Preview', 'Create draft']);
  });

  it('saves a saved persona only when something changed, and never twice at once', () => {
    const { unmount } = bar({ name: 'Juniper', saved: { archived: false }, version: 3 });
    expect(screen.getByText('Version 3')).toBeTruthy();
    expect(screen.queryByText('· Unsaved changes')).toBeNull();
    expect(buttons()).toEqual(['Preview', 'Publish', 'Save (disabled)']);
    unmount();

    const { unmount: again } = bar({ name: 'Juniper', saved: { archived: false }, version: 3, dirty: true });
    expect(buttons()).toEqual(['Preview', 'Publish', 'Save']);
    again();

    bar({ name: 'Juniper', saved: { archived: false }, version: 3, dirty: true, busy: true });
    expect(buttons()).toEqual(['Preview', 'Publish (disabled)', 'Saving… (disabled)']);
  });

  it('says whether the persona is archived, published or a draft', () => {
    const { unmount } = bar({ saved: { archived: false }, published: true, version: 2 });
    expect(screen.getByText('Published')).toBeTruthy();
    expect(buttons()).toContain('Unpublish');
    unmount();
    bar({ saved: { archived: true }, published: true, version: 2 });
    expect(screen.getByText('Archived')).toBeTruthy();
  });

  it('opens and closes the preview on small screens, and passes each press on', () => {
    const onTogglePreview = vi.fn();
    const onTogglePublished = vi.fn();
    const onSave = vi.fn();
    const { rerender } = bar({ saved: { archived: false }, dirty: true, onTogglePreview, onTogglePublished, onSave });
    const preview = screen.getByRole('button', { name: 'Preview' });
    expect(preview.getAttribute('aria-expanded')).toBe('false');
    expect(preview.getAttribute('aria-controls')).toBe('studio-preview');
    fireEvent.click(preview);
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect([onTogglePreview, onTogglePublished, onSave].map((handler) => handler.mock.calls.length)).toEqual([1, 1, 1]);
    rerender(<StudioBar {...defaults} saved={{ archived: false }} showPreview />);
    expect(screen.getByRole('button', { name: 'Hide preview' }).getAttribute('aria-expanded')).toBe('true');
  });
});
