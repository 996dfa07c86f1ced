import { describe, expect, it } from 'vitest';
import { callReducer, initialCallState, type CallEvent, type CallState } from './call-state';

const run = (state: CallState, ...events: CallEvent[]) => events.reduce(callReducer, state);
const timing = (turnId: string) => ({
  turnId,
  transcriptMs: null,
  firstTokenMs: 300,
  firstAudioMs: 700,
  totalMs: 1500,
  playbackMs: null,
});

describe('the call state machine', () => {
  it('connects the microphone first when the server can transcribe, and is typed from the start when it cannot', () => {
    expect(initialCallState(true)).toMatchObject({ stage: { name: 'connecting' }, mic: { status: 'starting' } });
    expect(initialCallState(false)).toMatchObject({ stage: { name: 'listening' }, mic: { status: 'unavailable' } });
  });

  it('listens once the microphone is on, or once it is known not to work', () => {
    expect(run(initialCallState(true), { type: 'mic-ready' })).toMatchObject({
      stage: { name: 'listening' },
      mic: { status: 'on', muted: false },
    });
    expect(run(initialCallState(true), { type: 'mic-failed', problem: 'denied' })).toMatchObject({
      stage: { name: 'listening' },
      mic: { status: 'denied' },
    });
  });

  it('mutes only a microphone that is on', () => {
    const on = run(initialCallState(true), { type: 'mic-ready' });
    expect(run(on, { type: 'mic-muted', muted: true }).mic).toEqual({ status: 'on', muted: true });
    expect(run(on, { type: 'mic-muted', muted: true }, { type: 'mic-muted', muted: false }).mic).toEqual({
      status: 'on',
      muted: false,
    });
    const missing = run(initialCallState(true), { type: 'mic-failed', problem: 'missing' });
    expect(run(missing, { type: 'mic-muted', muted: true }).mic).toEqual({ status: 'missing' });
  });

  it('thinks while a turn is out, speaks while the voice plays, and then thinks or listens', () => {
    const sent = run(
      initialCallState(false),
      { type: 'failed', error: 'Earlier trouble.' },
      { type: 'turn-started', line: { id: 'u1', role: 'user', text: 'Hello', typed: true } },
    );
    expect(sent).toMatchObject({ stage: { name: 'thinking' }, error: null, lines: [{ id: 'u1', text: 'Hello' }] });
    const speaking = run(sent, { type: 'playback-started' });
    expect(speaking).toMatchObject({ stage: { name: 'speaking' }, speaking: true });
    expect(run(speaking, { type: 'playback-idle', turnInFlight: true })).toMatchObject({
      stage: { name: 'thinking' },
      speaking: false,
    });
    expect(run(speaking, { type: 'playback-idle', turnInFlight: false })).toMatchObject({
      stage: { name: 'listening' },
      speaking: false,
    });
    // A settled turn leaves a voice that still plays alone.
    expect(run(speaking, { type: 'turn-settled', playerSpeaking: true }).stage).toEqual({ name: 'speaking' });
    expect(run(sent, { type: 'turn-settled', playerSpeaking: false }).stage).toEqual({ name: 'listening' });
  });

  it('fills in what was heard and grows the reply as it streams', () => {
    const state = run(
      initialCallState(true),
      { type: 'turn-started', line: { id: 'u1', role: 'user', text: '', pending: true } },
      { type: 'heard', lineId: 'u1', text: 'How are you?' },
      { type: 'replied', lineId: 'r1', delta: 'Very ' },
      { type: 'replied', lineId: 'r1', delta: 'well.' },
    );
    expect(state.lines).toEqual([
      { id: 'u1', role: 'user', text: 'How are you?', pending: false },
      { id: 'r1', role: 'companion', text: 'Very well.' },
    ]);
  });

  it('marks a cut-off reply as interrupted and drops speech that was never transcribed', () => {
    const started = run(initialCallState(true), {
      type: 'turn-started',
      line: { id: 'u1', role: 'user', text: '', pending: true },
    });
    expect(run(started, { type: 'turn-cut-off', userLineId: 'u1', replyLineId: 'r1' }).lines).toEqual([]);
    const answered = run(
      started,
      { type: 'heard', lineId: 'u1', text: 'Hi' },
      { type: 'replied', lineId: 'r1', delta: 'Hel' },
      { type: 'turn-cut-off', userLineId: 'u1', replyLineId: 'r1' },
    );
    expect(answered.lines.map((line) => [line.text, line.interrupted ?? false])).toEqual([
      ['Hi', false],
      ['Hel', true],
    ]);
  });

  it('drops a refused turn, with the reason unless the call is over', () => {
    const started = run(initialCallState(false), {
      type: 'turn-started',
      line: { id: 'u1', role: 'user', text: 'Hi', typed: true },
    });
    expect(run(started, { type: 'turn-refused', lineId: 'u1', error: 'Too long.' })).toMatchObject({
      lines: [],
      error: 'Too long.',
    });
    expect(run(started, { type: 'turn-refused', lineId: 'u1', error: null })).toMatchObject({ lines: [], error: null });
  });

  it('counts turns by their timings and adds the playback latency measured here', () => {
    const state = run(
      initialCallState(false),
      { type: 'turn-timed', timing: timing('t1') },
      { type: 'turn-timed', timing: timing('t2') },
      { type: 'playback-measured', turnId: 't2', playbackMs: 900 },
    );
    expect(state.timings.map((t) => t.playbackMs)).toEqual([null, 900]);
  });

  it('stays ended: nothing that still arrives brings the call back, and the server corrects its length', () => {
    const ended = run(
      initialCallState(true),
      { type: 'mic-ready' },
      { type: 'ended', reason: 'You ended the call.', durationMs: null },
    );
    expect(ended.stage).toEqual({ name: 'ended', reason: 'You ended the call.', durationMs: null });
    const late = run(
      ended,
      { type: 'playback-started' },
      { type: 'turn-settled', playerSpeaking: false },
      { type: 'mic-failed', problem: 'failed' },
      { type: 'ended', reason: 'Calls last an hour.', durationMs: 5 },
    );
    expect(late.stage).toEqual({ name: 'ended', reason: 'You ended the call.', durationMs: null });
    expect(run(ended, { type: 'end-confirmed', durationMs: 61_000 }).stage).toEqual({
      name: 'ended',
      reason: 'You ended the call.',
      durationMs: 61_000,
    });
    expect(run(initialCallState(true), { type: 'end-confirmed', durationMs: 1 }).stage).toEqual({ name: 'connecting' });
  });
});
