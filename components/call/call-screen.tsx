'use client';

import { TalkingPortrait } from '@/components/call/talking-portrait';
import type { Language } from '@/lib/languages';
import { CallControls } from './call-controls';
import { CallEnded } from './call-ended';
import { CallHeader } from './call-header';
import { CallNotes } from './call-notes';
import type { Mic } from './call-state';
import { CallTranscript } from './call-transcript';
import { useCall, type LiveCall } from './use-call';

export type CallScreenProps = {
  call: LiveCall;
  companion: {
    name: string;
    /** Slug or id, as links name it (lib/companions/links.ts). */ ref: string;
    avatarUrl: string;
    accentColor: string;
  };
  /** Whether the server can transcribe speech; without it the call is typed. */
  canTranscribe: boolean;
  /** Per language, whether the server has a voice for the companion; without one the browser speaks. */
  serverVoices: Record<Language, boolean>;
  /** The caller is an admin: notes about missing voices or speech to text link to the dashboard. */
  setupHint?: boolean;
};

/**
 * What the idle state is called, and the first thing to do: only a microphone that is on listens.
 * Without one the call is typed, and the screen must not claim otherwise.
 */
function idleWords(mic: Mic, name: string): { status: string; hint: string } {
  if (mic.status === 'on' && !mic.muted) return { status: 'Listening', hint: `Say hello — ${name} is listening.` };
  if (mic.status === 'on')
    return { status: 'Microphone muted', hint: 'Your microphone is muted: unmute it, or type below.' };
  if (mic.status === 'starting') return { status: 'Connecting…', hint: `Say hello once the microphone is on.` };
  return { status: 'Waiting for your message', hint: `Type below to start talking with ${name}.` };
}

/**
 * The portrait's diameter: large while the call is quiet, smaller once there is a transcript to
 * read, and always within a share of the window's height, so a short window keeps room for talk.
 */
function portraitSize(talking: boolean): string {
  return talking ? 'clamp(5.5rem, 19dvh, 13rem)' : 'clamp(7rem, 32dvh, 18rem)';
}

/**
 * A live call: the companion's portrait moving with its voice, hands-free and typed turns, an
 * optional camera, the transcript of both sides and each turn's latency.
 */
export function CallScreen({ call, companion, canTranscribe, serverVoices, setupHint = false }: CallScreenProps) {
  const live = useCall(call, canTranscribe);
  const { stage, mic, speaking, bargeIns, timings, lines, error } = live.state;
  const ended = stage.name === 'ended' ? stage : null;
  const idle = idleWords(mic, companion.name);

  return (
    <div
      className="fixed inset-0 z-50 flex flex-col bg-stone-950 text-stone-100"
      style={{ backgroundImage: `radial-gradient(ellipse at 50% 20%, ${companion.accentColor}26, transparent 60%)` }}
      data-call-state={stage.name}
      data-speaking={speaking ? 'true' : 'false'}
      data-barge-ins={bargeIns}
      data-turns={timings.length}
      data-mic={mic.status}
    >
      <CallHeader
        conversationId={call.conversationId}
        lengthMs={ended?.durationMs ?? live.elapsed}
        timings={timings}
        language={live.language}
        onLanguage={live.setLanguage}
        ended={ended !== null}
      />

      <main className="flex min-h-0 flex-1 flex-col items-center gap-3 overflow-hidden px-4">
        <TalkingPortrait
          src={companion.avatarUrl}
          name={companion.name}
          accentColor={companion.accentColor}
          state={stage.name}
          level={0}
          levelRef={live.levelRef}
          size={portraitSize(lines.length > 0 && !ended)}
          idleStatus={idle.status}
          className="mt-1 shrink-0"
        />
        {live.camera.preview}
        <CallNotes
          mic={mic.status}
          companionName={companion.name}
          browserVoice={!serverVoices[live.language]}
          cameraNote={live.camera.note}
          error={error}
          ended={ended !== null}
          setupHint={setupHint}
        />
        {ended ? (
          <CallEnded reason={ended.reason} conversationId={call.conversationId} companion={companion} />
        ) : (
          <CallTranscript
            lines={lines}
            companionName={companion.name}
            accentColor={companion.accentColor}
            emptyHint={idle.hint}
          />
        )}
      </main>

      {!ended && (
        <CallControls
          companionName={companion.name}
          mic={mic}
          speakerOff={live.speakerOff}
          cameraOn={live.camera.on}
          onSay={live.say}
          onToggleMic={live.toggleMic}
          onToggleSpeaker={live.toggleSpeaker}
          onToggleCamera={() => void live.camera.toggle()}
          onHangUp={() => void live.hangUp()}
        />
      )}
    </div>
  );
}
