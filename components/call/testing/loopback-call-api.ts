import { encodeEvent, type CallTurnEvent } from '@/lib/calls/events';
import { sendJson, startLoopback, type LoopbackRequest } from '@/components/testing/loopback';

/** How the next turns are answered: a refusal, or a stream of events (held until `gate` settles, if given). */
export type TurnAnswer = { status: number; message: string } | { events: CallTurnEvent[]; gate?: Promise<void> };

/**
 * The call routes on a loopback server, for the call screen to talk to over real HTTP: turns are
 * answered as set, and the end of a call reports how long it lasted.
 */
export async function startLoopbackCallApi(options: { durationMs: number }) {
  const received: LoopbackRequest[] = [];
  let answer: TurnAnswer = { events: [] };
  const server = await startLoopback(async (request, res) => {
    received.push(request);
    if (request.path.endsWith('/end')) return sendJson(res, 200, { duration_ms: options.durationMs });
    if (!request.path.endsWith('/turns')) return void res.writeHead(404).end();
    const now = answer;
    if ('status' in now) return sendJson(res, now.status, { error: { type: 'conflict_error', message: now.message } });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    await now.gate;
    for (const event of now.events) res.write(encodeEvent(event));
    res.end();
  });
  return {
    ...server,
    received,
    answerTurnsWith(next: TurnAnswer) {
      answer = next;
    },
  };
}
