'use client';

import { TalkingPortrait } from '@/components/call/talking-portrait';
import type { Language } from '@/lib/languages';
import { CallControls } from './call-controls';
import { CallEnded } from './call-ended';
import { CallHeader } from './call-header';
import { CallNotes } from './call-notes';
import { CallTranscript } from './call-transcript';
import { useCall, type LiveCall } from './use-call';

export type CallScreenProps = {
  call: LiveCall;
  companion: { name: string; slug: string; avatarUrl: string; accentColor: string };
  /** Whether the server can transcribe speech; without it the call is typed. */
  canTranscribe: boolean;
  /** Per language, whether the server has a voice for the companion; without one the browser speaks. */
  serverVoices: Record<Language, boolean>;
};

/**
 * A live call: the companion's portrait moving with its voice, hands-free and typed turns, an
 * optional camera, the transcript of both sides and each turn's latency.
 */
export function CallScreen({ call, companion, canTranscribe, serverVoices }: CallScreenProps) {
  const live = useCall(call, canTranscribe);
  const { stage, mic, speaking, bargeIns, timings, lines, error } = live.state;
  const ended = stage.name === 'ended' ? stage : null;

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

      <main className="flex min-h-0 flex-1 flex-col items-center gap-4 overflow-hidden px-4">
        <TalkingPortrait
          src={companion.avatarUrl}
          name={companion.name}
          accentColor={companion.accentColor}
          state={stage.name}
          level={0}
          levelRef={live.levelRef}
          className="mt-2 shrink-0 scale-[0.8] sm:scale-100"
        />
        {live.camera.preview}
        <CallNotes
          mic={mic.status}
          companionName={companion.name}
          browserVoice={!serverVoices[live.language] && !ended}
          cameraNote={live.camera.note}
          error={error}
        />
        {ended ? (
          <CallEnded reason={ended.reason} conversationId={call.conversationId} companion={companion} />
        ) : (
          <CallTranscript lines={lines} companionName={companion.name} accentColor={companion.accentColor} />
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
