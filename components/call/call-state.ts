import type { TurnTiming } from './call-timings';
import type { TranscriptLine } from './call-transcript';

export type MicProblem = 'denied' | 'missing' | 'failed';

/** The microphone: only one that is on can be muted; 'unavailable' when the server cannot transcribe. */
export type Mic = { status: 'starting' | 'unavailable' | MicProblem } | { status: 'on'; muted: boolean };

/** Where the call is. An ended call stays ended, and knows why and for how long it ran. */
export type CallStage =
  | { name: 'connecting' | 'listening' | 'thinking' | 'speaking' }
  | { name: 'ended'; reason: string; durationMs: number | null };

export type CallState = {
  stage: CallStage;
  mic: Mic;
  /** Whether the companion's voice is sounding, as the player reports it. */
  speaking: boolean;
  /** How often the person talked over the companion. */
  bargeIns: number;
  lines: TranscriptLine[];
  timings: TurnTiming[];
  error: string | null;
};

export type CallEvent =
  | { type: 'mic-ready' }
  | { type: 'mic-failed'; problem: MicProblem }
  | { type: 'mic-muted'; muted: boolean }
  | { type: 'playback-started' }
  | { type: 'playback-idle'; turnInFlight: boolean }
  | { type: 'barged-in' }
  /** A turn went up: what was said joins the transcript (a spoken line waits for its transcript). */
  | { type: 'turn-started'; line: TranscriptLine }
  /** The server turned the turn away: its line goes, with the server's reason unless the call is over. */
  | { type: 'turn-refused'; lineId: string; error: string | null }
  | { type: 'heard'; lineId: string; text: string }
  | { type: 'replied'; lineId: string; delta: string }
  | { type: 'reply-interrupted'; lineId: string }
  /** The turn was cut off (a barge-in, a newer turn, the hang-up): the reply so far is marked, speech not yet transcribed goes. */
  | { type: 'turn-cut-off'; userLineId: string; replyLineId: string }
  | { type: 'turn-timed'; timing: TurnTiming }
  | { type: 'playback-measured'; turnId: string; playbackMs: number }
  | { type: 'failed'; error: string }
  /** No turn is in flight any more. */
  | { type: 'turn-settled'; playerSpeaking: boolean }
  | { type: 'ended'; reason: string; durationMs: number | null }
  /** The server's own count of how long the call lasted. */
  | { type: 'end-confirmed'; durationMs: number | null };

/** Without transcription there is nothing to connect: the call is typed from the start. */
export function initialCallState(canTranscribe: boolean): CallState {
  return {
    stage: { name: canTranscribe ? 'connecting' : 'listening' },
    mic: { status: canTranscribe ? 'starting' : 'unavailable' },
    speaking: false,
    bargeIns: 0,
    lines: [],
    timings: [],
    error: null,
  };
}

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'mic-ready':
      return { ...state, mic: { status: 'on', muted: false }, stage: leaveConnecting(state.stage) };
    case 'mic-failed':
      return { ...state, mic: { status: event.problem }, stage: leaveConnecting(state.stage) };
    case 'mic-muted':
      return state.mic.status === 'on' ? { ...state, mic: { status: 'on', muted: event.muted } } : state;
    case 'playback-started':
      return { ...state, speaking: true, stage: moveTo(state.stage, 'speaking') };
    case 'playback-idle':
      return {
        ...state,
        speaking: false,
        stage: state.stage.name === 'speaking' ? { name: event.turnInFlight ? 'thinking' : 'listening' } : state.stage,
      };
    case 'barged-in':
      return { ...state, bargeIns: state.bargeIns + 1 };
    case 'turn-started':
      return { ...state, error: null, stage: moveTo(state.stage, 'thinking'), lines: [...state.lines, event.line] };
    case 'turn-refused':
      return {
        ...state,
        error: event.error ?? state.error,
        lines: state.lines.filter((line) => line.id !== event.lineId),
      };
    case 'heard':
      return {
        ...state,
        lines: patch(state.lines, event.lineId, (line) => ({ ...line, text: event.text, pending: false })),
      };
    case 'replied':
      return state.lines.some((line) => line.id === event.lineId)
        ? { ...state, lines: patch(state.lines, event.lineId, (line) => ({ ...line, text: line.text + event.delta })) }
        : { ...state, lines: [...state.lines, { id: event.lineId, role: 'companion', text: event.delta }] };
    case 'reply-interrupted':
      return { ...state, lines: patch(state.lines, event.lineId, (line) => ({ ...line, interrupted: true })) };
    case 'turn-cut-off': {
      const lines = patch(state.lines, event.replyLineId, (line) => ({ ...line, interrupted: true }));
      return { ...state, lines: lines.filter((line) => !(line.id === event.userLineId && line.pending)) };
    }
    case 'turn-timed':
      return { ...state, timings: [...state.timings, event.timing] };
    case 'playback-measured':
      return {
        ...state,
        timings: state.timings.map((t) => (t.turnId === event.turnId ? { ...t, playbackMs: event.playbackMs } : t)),
      };
    case 'failed':
      return { ...state, error: event.error };
    case 'turn-settled':
      return event.playerSpeaking ? state : { ...state, stage: moveTo(state.stage, 'listening') };
    case 'ended':
      return state.stage.name === 'ended'
        ? state
        : { ...state, stage: { name: 'ended', reason: event.reason, durationMs: event.durationMs } };
    case 'end-confirmed':
      return state.stage.name === 'ended'
        ? { ...state, stage: { ...state.stage, durationMs: event.durationMs } }
        : state;
  }
}

/** A live call moves on; an ended one stays where it is. */
function moveTo(stage: CallStage, name: 'listening' | 'thinking' | 'speaking'): CallStage {
  return stage.name === 'ended' ? stage : { name };
}

function leaveConnecting(stage: CallStage): CallStage {
  return stage.name === 'connecting' ? { name: 'listening' } : stage;
}

function patch(
  lines: TranscriptLine[],
  id: string,
  change: (line: TranscriptLine) => TranscriptLine,
): TranscriptLine[] {
  return lines.map((line) => (line.id === id ? change(line) : line));
}
