'use client';

import type { Mic } from './call-state';

const MIC_NOTES: Partial<Record<Mic['status'], string>> = {
  denied: 'Microphone access was denied. Allow it in your browser to talk, or type below.',
  missing: 'No microphone was found. You can still type below.',
  failed: 'Listening could not start in this browser. You can still type below.',
  unavailable:
    'Speech to text needs a key: set GROQ_API_KEY, OPENAI_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY on the server. Until then, type below.',
};

type Props = {
  mic: Mic['status'];
  companionName: string;
  /** The companion speaks with the browser's voice (the server has none for the call's language). */
  browserVoice: boolean;
  cameraNote: string | null;
  error: string | null;
};

/** What the person should know: why they cannot talk, whose voice they hear, the camera, and what went wrong. */
export function CallNotes({ mic, companionName, browserVoice, cameraNote, error }: Props) {
  const micNote = MIC_NOTES[mic];
  return (
    <div className="w-full max-w-xl space-y-2 text-center text-sm">
      {micNote && <p className="rounded-xl bg-white/5 px-4 py-2 text-stone-300">{micNote}</p>}
      {browserVoice && (
        <p className="text-xs text-stone-400">
          {companionName} speaks with your browser&apos;s voice. An OpenAI, ElevenLabs or Gemini key on the server gives{' '}
          {companionName} a voice of their own.
        </p>
      )}
      {cameraNote && <p className="text-stone-300">{cameraNote}</p>}
      {error && (
        <p role="alert" className="rounded-xl bg-red-500/15 px-4 py-2 text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
