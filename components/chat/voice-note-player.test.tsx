import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { clock, VoiceNotePlayer } from './voice-note-player';

function setup() {
  const { container } = render(<VoiceNotePlayer src="/api/v1/uploads/x/content" label="Your" />);
  const audio = container.querySelector('audio')!;
  let paused = true;
  Object.defineProperty(audio, 'paused', { get: () => paused });
  Object.defineProperty(audio, 'duration', { value: 42, configurable: true });
  audio.play = vi.fn(() => {
    paused = false;
    audio.dispatchEvent(new Event('play'));
    return Promise.resolve();
  });
  audio.pause = vi.fn(() => {
    paused = true;
    audio.dispatchEvent(new Event('pause'));
  });
  fireEvent(audio, new Event('durationchange'));
  return audio;
}

describe('the voice-note player', () => {
  it('writes times as minutes and seconds', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(7.9)).toBe('0:07');
    expect(clock(102)).toBe('1:42');
    expect(clock(Infinity)).toBe('0:00');
  });

  it('is a named group with a play button that becomes pause, and shows the duration', () => {
    const audio = setup();
    expect(screen.getByRole('group', { name: 'Your voice note' })).toBeTruthy();
    expect(screen.getByText('0:42')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Play voice note' }));
    expect(audio.play).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Pause voice note' }));
    expect(audio.pause).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Play voice note' })).toBeTruthy();
  });

  it('seeks with its slider, which says where it is in words', () => {
    const audio = setup();
    const slider = screen.getByRole('slider', { name: 'Position' });
    fireEvent.change(slider, { target: { value: '21' } });
    expect(audio.currentTime).toBe(21);
    expect(slider.getAttribute('aria-valuetext')).toBe('0:21 of 0:42');
  });

  it('says so when the note cannot be played', () => {
    const audio = setup();
    fireEvent(audio, new Event('error'));
    expect(screen.getByText('This voice note could not be played.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Play voice note' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
