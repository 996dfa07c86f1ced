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
});
