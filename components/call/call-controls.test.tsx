import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CallControls } from './call-controls';
import type { Mic } from './call-state';

function renderControls(mic: Mic, { speakerOff = false, cameraOn = false } = {}) {
  const handlers = {
    onSay: vi.fn(),
    onToggleMic: vi.fn(),
    onToggleSpeaker: vi.fn(),
    onToggleCamera: vi.fn(),
    onHangUp: vi.fn(),
  };
  const { unmount } = render(
    <CallControls companionName="Lucía" mic={mic} speakerOff={speakerOff} cameraOn={cameraOn} {...handlers} />,
  );
  return { ...handlers, unmount };
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('the call controls', () => {
  it('name every button, and say which are pressed', () => {
    renderControls({ status: 'on', muted: true }, { speakerOff: true, cameraOn: false });
    expect(button('Mute microphone').getAttribute('aria-pressed')).toBe('true');
    expect(button('Mute speaker').getAttribute('aria-pressed')).toBe('true');
    expect(button('Let Lucía see').getAttribute('aria-pressed')).toBe('false');
    expect(button('End call')).toBeTruthy();
    expect(button('Send')).toBeTruthy();
  });

  it('offer muting only a microphone that is on', () => {
    for (const status of ['starting', 'unavailable', 'denied', 'missing', 'failed'] as const) {
      const { unmount } = renderControls({ status });
      expect(button('Mute microphone').disabled, status).toBe(true);
      expect(button('Mute microphone').getAttribute('aria-pressed'), status).toBe('false');
      unmount();
    }
    renderControls({ status: 'on', muted: false });
    expect(button('Mute microphone').disabled).toBe(false);
    expect(button('Mute microphone').getAttribute('aria-pressed')).toBe('false');
  });

  it('pass each press on', () => {
    const handlers = renderControls({ status: 'on', muted: false });
    fireEvent.click(button('Mute microphone'));
    fireEvent.click(button('Mute speaker'));
    fireEvent.click(button('Let Lucía see'));
    fireEvent.click(button('End call'));
    expect(handlers.onToggleMic).toHaveBeenCalledTimes(1);
    expect(handlers.onToggleSpeaker).toHaveBeenCalledTimes(1);
    expect(handlers.onToggleCamera).toHaveBeenCalledTimes(1);
    expect(handlers.onHangUp).toHaveBeenCalledTimes(1);
  });

  it('send typed text trimmed, clear the line, and send nothing blank', () => {
    const { onSay } = renderControls({ status: 'unavailable' });
    const input = screen.getByLabelText('Message Lucía') as HTMLInputElement;
    expect(input.placeholder).toBe('Type to Lucía…');

    fireEvent.change(input, { target: { value: '   ' } });
    expect(button('Send').disabled).toBe(true);
    fireEvent.submit(input.form!);
    expect(onSay).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: '  Hola, ¿qué tal?  ' } });
    expect(button('Send').disabled).toBe(false);
    fireEvent.submit(input.form!);
    expect(onSay).toHaveBeenCalledWith('Hola, ¿qué tal?');
    expect(input.value).toBe('');
  });
});
