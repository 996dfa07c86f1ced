import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TalkingPortrait, type PortraitState } from './talking-portrait';

describe('the talking portrait', () => {
  it('says where the call is, for each of its stages', () => {
    const said: Record<PortraitState, string> = {
      connecting: 'Connecting…',
      listening: 'Listening',
      thinking: 'Lucía is thinking',
      speaking: 'Lucía is speaking',
      ended: 'Call ended',
    };
    for (const [state, status] of Object.entries(said) as [PortraitState, string][]) {
      const { unmount } = render(
        <TalkingPortrait src="/avatars/lucia.webp" name="Lucía" accentColor="#c2410c" state={state} level={0} />,
      );
      expect(screen.getByRole('status').textContent).toBe(status);
      expect(screen.getByRole('img', { name: `Lucía, ${status.toLowerCase()}` })).toBeTruthy();
      unmount();
    }
  });

  it('says what listening means when nobody can be heard, and shows "Call ended" only in its announcement', () => {
    const typed = render(
      <TalkingPortrait
        src="/avatars/lucia.webp"
        name="Lucía"
        accentColor="#c2410c"
        state="listening"
        idleStatus="Waiting for your message"
        level={0}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Waiting for your message');
    expect(screen.queryByText('Listening')).toBeNull();
    typed.unmount();
    const { container } = render(
      <TalkingPortrait src="/avatars/lucia.webp" name="Lucía" accentColor="#c2410c" state="ended" level={0} />,
    );
    expect([...container.querySelectorAll('span')].filter((s) => s.textContent === 'Call ended')).toEqual([
      screen.getByRole('status'),
    ]);
  });
});
