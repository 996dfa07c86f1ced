import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CallHeader } from './call-header';
import type { TurnTiming } from './call-timings';

const turn = (firstTokenMs: number, firstAudioMs: number | null): TurnTiming => ({
  turnId: crypto.randomUUID(),
  transcriptMs: 120,
  firstTokenMs,
  firstAudioMs,
  totalMs: 3000,
  playbackMs: null,
});

function renderHeader(overrides: Partial<Parameters<typeof CallHeader>[0]> = {}) {
  const onLanguage = vi.fn();
  const { unmount } = render(
    <CallHeader
      conversationId="conv1"
      lengthMs={0}
      timings={[]}
      language="en-US"
      onLanguage={onLanguage}
      ended={false}
      {...overrides}
    />,
  );
  return { onLanguage, unmount };
}

describe('the call header', () => {
  it('shows the call length as minutes and seconds', () => {
    renderHeader({ lengthMs: 754_900 });
    expect(screen.getByLabelText('Call length').textContent).toBe('12:34');
    expect(screen.getByRole('link', { name: '← Chat' }).getAttribute('href')).toBe('/chat/conv1');
  });

  it('rates the connection by the last reply: its first audio, or its first word without audio', () => {
    const idle = renderHeader();
    expect(screen.getByRole('button', { name: "Ready, connection idle: show each turn's timings" })).toBeTruthy();
    idle.unmount();

    const cases: [TurnTiming[], string, string][] = [
      [[turn(400, 900)], '900 ms', "900 ms to the last reply's first audio, connection good: show each turn's timings"],
      [[turn(400, null)], '400 ms', "400 ms to the last reply's first word, connection good: show each turn's timings"],
      [
        [turn(300, 500), turn(900, 1800)],
        '1800 ms',
        "1800 ms to the last reply's first audio, connection fair: show each turn's timings",
      ],
      [
        [turn(900, 2600)],
        '2600 ms',
        "2600 ms to the last reply's first audio, connection slow: show each turn's timings",
      ],
    ];
    for (const [timings, shown, name] of cases) {
      const { unmount } = renderHeader({ timings });
      const button = screen.getByRole('button', { name });
      // What the button shows starts its accessible name (axe: label-content-name-mismatch).
      expect(name.startsWith(shown)).toBe(true);
      expect(button.querySelector('.tabular-nums')?.textContent).toBe(shown);
      unmount();
    }
  });

  it("opens and closes each turn's timings", () => {
    renderHeader({ timings: [turn(400, 900)] });
    const connection = screen.getByRole('button', { name: /^900 ms/ });
    expect(screen.queryByRole('heading', { name: 'Latency per turn' })).toBeNull();
    fireEvent.click(connection);
    expect(connection.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Latency per turn' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '900 ms' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('heading', { name: 'Latency per turn' })).toBeNull();
    expect(connection.getAttribute('aria-expanded')).toBe('false');
    // Escape closes it too.
    fireEvent.click(connection);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('heading', { name: 'Latency per turn' })).toBeNull();
  });

  it('changes the language of a live call, and not of an ended one', () => {
    const { onLanguage, unmount } = renderHeader();
    fireEvent.change(screen.getByLabelText('Call language'), { target: { value: 'es-ES' } });
    expect(onLanguage).toHaveBeenCalledWith('es-ES');
    unmount();
    renderHeader({ ended: true });
    expect((screen.getByLabelText('Call language') as HTMLSelectElement).disabled).toBe(true);
  });
});
