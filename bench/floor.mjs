// The floor: the same prompt through a bare Next route of the same build (app/api/bench/floor),
// which streams the provider through `streamText` with no session, database or pipeline. What
// it adds to the first token is the least any route on this stack adds.
import { runBlock, timeStream } from './load.mjs';
import { SetupError } from './server.mjs';

const TEXT_DELTA = /"type":"text-delta"/;
const STREAM_ERROR = '"type":"error"';

/** The floor route's body from the app's own chat-completions request (JSON): model, system, messages. */
function floorBody(directBody) {
  const { model, messages } = JSON.parse(directBody);
  const text = (content) => (typeof content === 'string' ? content : content.map((part) => part.text ?? '').join(''));
  return JSON.stringify({
    model,
    system: messages
      .filter((m) => m.role === 'system')
      .map((m) => text(m.content))
      .join('\n\n'),
    messages: messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: text(m.content) })),
  });
}

export function timedFloorRequest(baseUrl, body) {
  return timeStream(
    `${baseUrl}/api/bench/floor`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    { firstText: TEXT_DELTA, errorText: STREAM_ERROR },
  );
}

/** Warms the floor route with the app's own prompt; returns the body to time it with. */
export async function warmFloor(baseUrl, directBody, { concurrency, requests }) {
  const body = floorBody(directBody);
  const results = await runBlock({ concurrency, requests, send: () => timedFloorRequest(baseUrl, body) });
  const failed = results.find((r) => !r.ok);
  if (failed) throw new SetupError(`The floor route (POST /api/bench/floor) failed: ${failed.error}`);
  return body;
}
