import type { LiveCallEvent } from './live-call';

/**
 * What clients hear of a live call (GET /api/v1/calls/{id}/events): its media joined, the person
 * speaking, the companion writing, each side's words, each turn completed, and the end.
 */
export type CallEvent =
  | { type: 'joined' }
  | { type: 'speaking' }
  | { type: 'companion_typing' }
  | { type: 'transcript'; role: 'person' | 'companion'; text: string; language?: string | null }
  | { type: 'turn_completed'; turn_id: string; status: 'complete' | 'error' | 'aborted' }
  | { type: 'turn_refused'; error: { type: string; message: string } }
  | { type: 'ended' };

type Listener = (event: CallEvent) => void;

// On globalThis so that the route that connects a call and the one that streams its events share it.
const holder = globalThis as typeof globalThis & { hearthCallEvents?: Map<string, Set<Listener>> };
const listeners = (holder.hearthCallEvents ??= new Map());

/** Hears a call's events on this process from now on; returns the way to stop. */
export function subscribeToCall(callId: string, listener: Listener): () => void {
  const set = listeners.get(callId) ?? new Set<Listener>();
  listeners.set(callId, set);
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(callId);
  };
}

export function publishCallEvent(callId: string, event: CallEvent): void {
  for (const listener of listeners.get(callId) ?? []) listener(event);
}

/**
 * A live call's own events as clients hear them: the reply's text is gathered into one
 * `transcript` when its turn completes; audio stays on the track.
 */
export function callEventPublisher(callId: string): (event: LiveCallEvent) => void {
  let reply = '';
  return (event) => {
    const publish = (out: CallEvent) => publishCallEvent(callId, out);
    switch (event.type) {
      case 'speaking':
        return publish({ type: 'speaking' });
      case 'transcript':
        return publish({ type: 'transcript', role: 'person', text: event.text, language: event.language });
      case 'text':
        if (!reply) publish({ type: 'companion_typing' });
        reply += event.delta;
        return;
      case 'done':
        if (reply) publish({ type: 'transcript', role: 'companion', text: reply });
        reply = '';
        return publish({ type: 'turn_completed', turn_id: event.turn_id, status: event.status });
      case 'error':
        reply = '';
        return publish({ type: 'turn_refused', error: event.error });
    }
  };
}
