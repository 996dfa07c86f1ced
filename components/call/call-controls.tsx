'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import {
  CameraIcon,
  HangUpIcon,
  MicIcon,
  MicOffIcon,
  SendIcon,
  SpeakerIcon,
  SpeakerOffIcon,
} from '@/components/ui/icons';
import type { Mic } from './call-state';

type Props = {
  companionName: string;
  mic: Mic;
  speakerOff: boolean;
  cameraOn: boolean;
  /** A typed turn (trimmed, never empty). */
  onSay: (text: string) => void;
  onToggleMic: () => void;
  onToggleSpeaker: () => void;
  onToggleCamera: () => void;
  onHangUp: () => void;
};

/** The call's footer: a line to type to the companion, the microphone, speaker and camera, and the hang-up. */
export function CallControls({
  companionName,
  mic,
  speakerOff,
  cameraOn,
  onSay,
  onToggleMic,
  onToggleSpeaker,
  onToggleCamera,
  onHangUp,
}: Props) {
  const micMuted = mic.status === 'on' && mic.muted;
  return (
    // One row where the window is wide enough, so the transcript keeps the height; stacked on phones.
    <footer className="flex shrink-0 flex-col items-center gap-3 px-4 pt-2 pb-[max(1rem,env(safe-area-inset-bottom))] sm:flex-row sm:justify-center sm:gap-4">
      <TypedTurn companionName={companionName} onSay={onSay} />
      <div className="flex items-center gap-3 sm:gap-4">
        <ControlButton label="Mute microphone" pressed={micMuted} onClick={onToggleMic} disabled={mic.status !== 'on'}>
          {micMuted ? <MicOffIcon /> : <MicIcon />}
        </ControlButton>
        <ControlButton label="Mute speaker" pressed={speakerOff} onClick={onToggleSpeaker}>
          {speakerOff ? <SpeakerOffIcon /> : <SpeakerIcon />}
        </ControlButton>
        <ControlButton label={`Let ${companionName} see`} pressed={cameraOn} onClick={onToggleCamera}>
          <CameraIcon />
        </ControlButton>
        <button
          type="button"
          onClick={onHangUp}
          className="grid size-14 place-items-center rounded-full bg-red-600 text-white shadow-lg shadow-red-900/40 hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          aria-label="End call"
        >
          <HangUpIcon className="size-6" />
        </button>
      </div>
    </footer>
  );
}

function TypedTurn({ companionName, onSay }: { companionName: string; onSay: (text: string) => void }) {
  const [draft, setDraft] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    onSay(text);
  }
  return (
    <form
      onSubmit={submit}
      className="flex w-full max-w-xl items-center gap-2 rounded-full bg-white/5 p-1.5 pl-4 ring-1 ring-white/10 focus-within:ring-white/30 sm:flex-1"
    >
      <label htmlFor="call-message" className="sr-only">
        Message {companionName}
      </label>
      <input
        id="call-message"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        placeholder={`Type to ${companionName}…`}
        maxLength={4000}
        autoComplete="off"
        className="min-w-0 flex-1 bg-transparent text-sm text-stone-100 placeholder:text-stone-500 focus:outline-none"
      />
      <button
        type="submit"
        disabled={!draft.trim()}
        aria-label="Send"
        className="grid size-9 place-items-center rounded-full bg-white text-stone-900 disabled:opacity-30"
      >
        <SendIcon className="size-4" />
      </button>
    </form>
  );
}

function ControlButton({
  label,
  pressed,
  onClick,
  disabled,
  children,
}: {
  label: string;
  pressed: boolean;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
      aria-label={label}
      title={label}
      className={`grid size-12 place-items-center rounded-full ring-1 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white disabled:opacity-40 ${
        pressed ? 'bg-white text-stone-900 ring-white' : 'bg-white/5 text-stone-100 ring-white/15 hover:bg-white/10'
      }`}
    >
      {children}
    </button>
  );
}
