import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/actions';
import { LikeButton } from './like-button';

const ID = '5f0c1c9e-7d4b-4a8e-9a55-0d3c2b1a0f01';

/** The server action, answered when the test chooses. */
const { answers, likeCompanionAction } = vi.hoisted(() => {
  const answers: ((result: ActionResult) => void)[] = [];
  const likeCompanionAction = vi.fn<(id: string, liked: boolean) => Promise<ActionResult>>(
    () => new Promise<ActionResult>((answer) => answers.push(answer)),
  );
  return { answers, likeCompanionAction };
});
vi.mock('@/app/(app)/companions/community-actions', () => ({ likeCompanionAction }));

beforeEach(() => {
  answers.length = 0;
  likeCompanionAction.mockClear();
});

const heart = () => screen.getByRole('button', { name: /^Like, / });

describe('the like button', () => {
  it('is a toggle named with its count', () => {
    render(<LikeButton companionId={ID} liked likes={1} />);
    expect(heart().getAttribute('aria-pressed')).toBe('true');
    expect(heart().textContent).toContain('Like, 1 like');
  });

  it('shows a like at once, saves it, and keeps it', async () => {
    render(<LikeButton companionId={ID} liked={false} likes={41} />);
    fireEvent.click(heart());
    expect(heart().getAttribute('aria-pressed')).toBe('true');
    expect(heart().textContent).toContain('42 likes');
    expect(likeCompanionAction).toHaveBeenCalledWith(ID, true);

    // A second press while the first is on its way waits for it.
    fireEvent.click(heart());
    expect(likeCompanionAction).toHaveBeenCalledTimes(1);

    await act(async () => answers[0]!({ ok: true }));
    expect(heart().getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(heart());
    expect(likeCompanionAction).toHaveBeenLastCalledWith(ID, false);
    expect(heart().textContent).toContain('41 likes');
  });

  it('undoes the press and says why when saving fails, or Hearth cannot be reached', async () => {
    render(<LikeButton companionId={ID} liked likes={3} />);
    fireEvent.click(heart());
    expect(heart().getAttribute('aria-pressed')).toBe('false');
    await act(async () => answers[0]!({ ok: false, error: 'There is no such companion.' }));
    expect(heart().getAttribute('aria-pressed')).toBe('true');
    expect(heart().textContent).toContain('3 likes');
    expect(screen.getByRole('alert').textContent).toBe('There is no such companion.');

    likeCompanionAction.mockImplementationOnce(() => Promise.reject(new Error('Failed to fetch')));
    fireEvent.click(heart());
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => {});
    expect(heart().getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/Could not reach Hearth/);
  });

  it('takes newer counts from the server', () => {
    const { rerender } = render(<LikeButton companionId={ID} liked={false} likes={2} />);
    rerender(<LikeButton companionId={ID} liked likes={1500} />);
    expect(heart().getAttribute('aria-pressed')).toBe('true');
    expect(heart().textContent).toContain('1,500 likes');
    expect(heart().textContent).toContain('1.5K');
  });
});
