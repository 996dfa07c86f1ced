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
    expect(screen.getByRole('button', { name: "Connection idle: show each turn's timings" }).textContent).toBe('Ready');
    idle.unmount();

    const cases: [TurnTiming[], string][] = [
      [[turn(400, 900)], "Connection good, 900 ms to the last reply's first audio: show each turn's timings"],
      [[turn(400, null)], "Connection good, 400 ms to the last reply's first word: show each turn's timings"],
      [
        [turn(300, 500), turn(900, 1800)],
        "Connection fair, 1800 ms to the last reply's first audio: show each turn's timings",
      ],
      [[turn(900, 2600)], "Connection slow, 2600 ms to the last reply's first audio: show each turn's timings"],
    ];
    for (const [timings, name] of cases) {
      const { unmount } = renderHeader({ timings });
      expect(screen.getByRole('button', { name })).toBeTruthy();
      unmount();
    }
  });

  it("opens and closes each turn's timings", () => {
    renderHeader({ timings: [turn(400, 900)] });
    const connection = screen.getByRole('button', { name: /^Connection/ });
    expect(screen.queryByRole('heading', { name: 'Latency per turn' })).toBeNull();
    fireEvent.click(connection);
    expect(connection.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Latency per turn' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '900 ms' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('heading', { name: 'Latency per turn' })).toBeNull();
    expect(connection.getAttribute('aria-pressed')).toBe('false');
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
