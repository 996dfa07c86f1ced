import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Rating } from '@/lib/conversations/messages';
import { ActionToolbar } from './action-toolbar';
import { RatingButtons, type RatingResult } from './rating-buttons';

/** A save the test answers when it chooses, to see what shows while it is on its way. */
function deferredSaves() {
  const calls: { rating: Rating | null; answer: (result: RatingResult) => void }[] = [];
  const onRate = vi.fn(
    (rating: Rating | null) => new Promise<RatingResult>((answer) => calls.push({ rating, answer })),
  );
  return { calls, onRate };
}

const up = () => screen.getByRole('button', { name: 'Good reply' });
const down = () => screen.getByRole('button', { name: 'Bad reply' });
const pressed = () => [up().getAttribute('aria-pressed'), down().getAttribute('aria-pressed')];

describe('the thumbs on a reply', () => {
  it('show the stored rating as pressed', () => {
    render(<RatingButtons rating={-1} onRate={vi.fn()} />);
    expect(pressed()).toEqual(['false', 'true']);
  });

  it('press at once, keep the saved rating, and clear when the pressed thumb is pressed again', async () => {
    const { calls, onRate } = deferredSaves();
    render(<RatingButtons rating={null} onRate={onRate} />);
    fireEvent.click(up());
    expect(pressed()).toEqual(['true', 'false']);
    await act(async () => calls[0]!.answer({ ok: true, rating: 1 }));
    expect(pressed()).toEqual(['true', 'false']);

    fireEvent.click(up());
    expect(calls[1]!.rating).toBeNull();
    expect(pressed()).toEqual(['false', 'false']);
    await act(async () => calls[1]!.answer({ ok: true, rating: null }));

    fireEvent.click(down());
    expect(calls[2]!.rating).toBe(-1);
    await act(async () => calls[2]!.answer({ ok: true, rating: -1 }));
    expect(pressed()).toEqual(['false', 'true']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('undo the press and say why when saving fails, or the server cannot be reached', async () => {
    const { calls, onRate } = deferredSaves();
    render(<RatingButtons rating={1} onRate={onRate} />);
    fireEvent.click(down());
    expect(pressed()).toEqual(['false', 'true']);
    await act(async () => calls[0]!.answer({ ok: false, error: 'This message does not exist.' }));
    expect(pressed()).toEqual(['true', 'false']);
    expect(screen.getByRole('alert').textContent).toBe('This message does not exist.');

    const failing = vi.fn(() => Promise.reject(new Error('Failed to fetch')));
    render(<RatingButtons rating={null} onRate={failing} />);
    fireEvent.click(screen.getAllByRole('button', { name: 'Good reply' })[1]!);
    await act(async () => {});
    expect(screen.getAllByRole('button', { name: 'Good reply' })[1]!.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getAllByRole('alert')[1]!.textContent).toMatch(/Could not reach Hearth/);
  });

  it('send one save at a time', async () => {
    const { calls, onRate } = deferredSaves();
    render(<RatingButtons rating={null} onRate={onRate} />);
    fireEvent.click(up());
    fireEvent.click(down());
    expect(onRate).toHaveBeenCalledTimes(1);
    await act(async () => calls[0]!.answer({ ok: true, rating: 1 }));
    fireEvent.click(down());
    expect(onRate).toHaveBeenCalledTimes(2);
  });

  it('follow a newer rating read from the server', () => {
    const { rerender } = render(<RatingButtons rating={null} onRate={vi.fn()} />);
    rerender(<RatingButtons rating={1} onRate={vi.fn()} />);
    expect(pressed()).toEqual(['true', 'false']);
  });

  it("are reached with the arrow keys inside the reply's toolbar and pressed with Enter or Space (buttons)", () => {
    render(
      <ActionToolbar label="Actions for this reply" className="">
        <button type="button">Copy message</button>
        <RatingButtons rating={null} onRate={vi.fn()} />
      </ActionToolbar>,
    );
    const copy = screen.getByRole('button', { name: 'Copy message' });
    copy.focus();
    fireEvent.keyDown(copy, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(up());
    fireEvent.keyDown(up(), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(down());
    expect(down().tagName).toBe('BUTTON');
    expect(down().getAttribute('type')).toBe('button');
  });
});
