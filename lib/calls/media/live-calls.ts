import { getConfig } from '@/lib/config';
import type { UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { ReplyReservation } from '@/lib/rate-limit';
import { iceConfiguration } from './ice';
import { callEventPublisher, publishCallEvent } from './call-events';
import { startLiveCall } from './live-call';
import type { CallMedia, CallTransport } from './transport';
import { NoAudioError, webrtcTransport } from './webrtc';

type Connected = { userId: string; media: CallMedia };

// The calls this process carries, by call id; on globalThis so that every route module sees one map.
const registry = globalThis as typeof globalThis & { hearthLiveCalls?: Map<string, Connected> };
const connected = (registry.hearthLiveCalls ??= new Map());

/**
 * Connects a call's media: answers the caller's offer and starts the live call on it. A call has
 * one connection; a new offer (a reload, another device) replaces the one it had. Serverless
 * functions live too briefly to carry a call: there it is a 503 the client falls back on (HTTP
 * turns). The call must be able to take turns (not ended, not expired), which the caller checks.
 */
export async function connectLiveCall(input: {
  user: UserScope;
  callId: string;
  offer: string;
  reserve: () => Promise<ReplyReservation>;
  transport?: CallTransport;
}): Promise<string> {
  if (getConfig().platform.vercel) {
    throw new HearthError(
      'unavailable',
      'Live calls need a long-running server; on this deployment a call goes turn by turn.',
      { publicCode: 'webrtc_unavailable' },
    );
  }
  const { user, callId } = input;
  const media = await (input.transport ?? webrtcTransport)
    .answer(input.offer, { iceServers: iceConfiguration(user.id).iceServers })
    .catch((error: unknown) => {
      // What the WebRTC stack could not take is the offer's fault: the caller hears why, briefly.
      throw new HearthError(
        'bad_request',
        error instanceof NoAudioError ? error.message : 'This SDP offer could not be answered.',
        { param: 'body' },
      );
    });
  // The new connection takes the call's place before the old one closes, so its end is no call's end.
  const previous = connected.get(callId);
  connected.set(callId, { userId: user.id, media });
  await previous?.media.close();
  const listen = callEventPublisher(callId);
  const live = await startLiveCall({ user, callId, media, reserve: input.reserve, listen }).catch(
    async (error: unknown) => {
      connected.delete(callId);
      await media.close();
      throw error;
    },
  );
  publishCallEvent(callId, { type: 'joined' });
  void live.ended.finally(() => {
    const now = connected.get(callId);
    // A new offer replaced this connection: the call goes on over that one.
    if (now && now.media !== media) return;
    connected.delete(callId);
    publishCallEvent(callId, { type: 'ended' });
  });
  return media.answer;
}

/** Hangs up a call's media on this process; false when it carries none of this person's. */
export async function disconnectLiveCall(user: UserScope, callId: string): Promise<boolean> {
  const call = connected.get(callId);
  if (!call || call.userId !== user.id) return false;
  connected.delete(callId);
  await call.media.close();
  return true;
}
