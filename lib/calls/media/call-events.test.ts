import { describe, expect, it } from 'vitest';
import { callEventPublisher, subscribeToCall, type CallEvent } from './call-events';

describe("a live call's events", () => {
  it('tells listeners of that call what happens in it, in the shape clients read', () => {
    const heard: CallEvent[] = [];
    const elsewhere: CallEvent[] = [];
    const stop = subscribeToCall('call-1', (event) => heard.push(event));
    subscribeToCall('call-2', (event) => elsewhere.push(event));
    const publish = callEventPublisher('call-1');

    publish({ type: 'speaking' });
    publish({ type: 'transcript', text: 'Hello there.', language: 'en' });
    publish({ type: 'text', delta: 'Hi, ' });
    publish({ type: 'audio', index: 0, text: 'Hi,', media_type: 'audio/L16;rate=24000', data: '' });
    publish({ type: 'text', delta: 'Robin!' });
    publish({ type: 'timing', turn_id: 't1', transcript_ms: 1, first_token_ms: 2, first_audio_ms: 3, total_ms: 4 });
    publish({
      type: 'done',
      turn_id: 't1',
      user_message_id: 'u',
      assistant_message_id: 'a',
      status: 'complete',
      error: null,
    });
    publish({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } });
    stop();
    publish({ type: 'speaking' });

    expect(heard).toEqual([
      { type: 'speaking' },
      { type: 'transcript', role: 'person', text: 'Hello there.', language: 'en' },
      { type: 'companion_typing' },
      { type: 'transcript', role: 'companion', text: 'Hi, Robin!' },
      { type: 'turn_completed', turn_id: 't1', status: 'complete' },
      { type: 'turn_refused', error: { type: 'rate_limit_error', message: 'Slow down.' } },
    ]);
    expect(elsewhere).toEqual([]);
  });
});
