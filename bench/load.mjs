// Timing streamed HTTP requests, and keeping a given number of them in flight.

// How far back into what came before a new chunk to look for the first text: a match may
// straddle two network chunks.
const LOOKBACK_CHARS = 64;

/**
 * Sends one request and reads its server-sent events to the end. TTFT is when the network chunk
 * that completes the first match of `firstText` arrives. The request failed (ok false, with why)
 * when it threw, was not a 200, held no text, held `errorText`, or did not end with `lastText`.
 */
export async function timeStream(url, init, { firstText, errorText, lastText = 'data: [DONE]' }) {
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const headersMs = performance.now() - started;
    const timing = serverTiming(response.headers.get('server-timing'));
    const pattern = new RegExp(firstText.source, 'g');
    const decoder = new TextDecoder();
    let body = '';
    let ttftMs = null;
    for await (const chunk of response.body) {
      pattern.lastIndex = Math.max(0, body.length - LOOKBACK_CHARS);
      body += decoder.decode(chunk, { stream: true });
      if (ttftMs === null && pattern.test(body)) ttftMs = performance.now() - started;
    }
    const totalMs = performance.now() - started;
    const error = problemWith({ status: response.status, body, ttftMs, errorText, lastText });
    return {
      ok: error === null,
      status: response.status,
      headersMs,
      ttftMs,
      totalMs,
      authMs: timing.auth,
      sessionMs: timing.session,
      quotaMs: timing.quota,
      readMs: timing.read,
      promptMs: timing.prompt,
      writeMs: timing.write,
      ...(error && { error }),
    };
  } catch (caught) {
    return { ok: false, status: null, ttftMs: null, totalMs: performance.now() - started, error: String(caught) };
  }
}

/** The durations a response's Server-Timing header names (`auth;dur=1.2, read;dur=3.4`), by name. */
function serverTiming(header) {
  const durations = {};
  for (const entry of header?.split(',') ?? []) {
    const [name, ...params] = entry.trim().split(';');
    const dur = params.find((param) => param.trim().startsWith('dur='));
    if (name && dur) durations[name] = Number(dur.trim().slice(4));
  }
  return durations;
}

function problemWith({ status, body, ttftMs, errorText, lastText }) {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 300)}`;
  const errorAt = errorText ? body.indexOf(errorText) : -1;
  if (errorAt >= 0) return `error in the stream: ${body.slice(errorAt, errorAt + 300)}`;
  if (ttftMs === null) return `no text in the stream: ${body.slice(0, 300)}`;
  if (!body.trimEnd().endsWith(lastText)) return `the stream did not end with ${lastText}: ...${body.slice(-300)}`;
  return null;
}

/**
 * Makes `requests` calls of send(lane) with `concurrency` lanes: each lane sends its next request
 * as soon as its last one ends, so that many are in flight until the last ones drain.
 */
export async function runBlock({ concurrency, requests, send }) {
  const results = [];
  let sent = 0;
  const lane = async (index) => {
    while (sent < requests) {
      sent += 1;
      results.push(await send(index));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => lane(index)));
  return results;
}

/** A function returning the items in turn, round and round. */
export function rotation(items) {
  let next = 0;
  return () => items[next++ % items.length];
}

/**
 * A lighter reader for the capacity run, where one process holds thousands of streams: it keeps
 * only the end of the body and counts the occurrences of `marker` (one per relayed token).
 * Same outcome rules as timeStream.
 */
export async function holdStream(url, init, { marker, errorText, lastText = 'data: [DONE]' }) {
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const headersMs = performance.now() - started;
    const decoder = new TextDecoder();
    let tail = '';
    let markers = 0;
    let ttftMs = null;
    let sawError = false;
    for await (const chunk of response.body) {
      const text = tail + decoder.decode(chunk, { stream: true });
      // Count only matches that end in the new text: the tail was counted last time.
      for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
        if (at + marker.length > tail.length) markers += 1;
      }
      if (ttftMs === null && markers > 0) ttftMs = performance.now() - started;
      if (errorText && text.includes(errorText)) sawError = true;
      tail = text.slice(-Math.max(marker.length, lastText.length, 256));
    }
    const totalMs = performance.now() - started;
    let error = null;
    if (response.status !== 200) error = `HTTP ${response.status}: ${tail.slice(0, 300)}`;
    else if (sawError) error = `error in the stream: ...${tail.slice(-300)}`;
    else if (markers === 0) error = `no text in the stream: ${tail.slice(0, 300)}`;
    else if (!tail.trimEnd().endsWith(lastText))
      error = `the stream did not end with ${lastText}: ...${tail.slice(-300)}`;
    return {
      ok: error === null,
      status: response.status,
      headersMs,
      ttftMs,
      totalMs,
      tokens: markers,
      ...(error && { error }),
    };
  } catch (caught) {
    return {
      ok: false,
      status: null,
      headersMs: null,
      ttftMs: null,
      totalMs: performance.now() - started,
      tokens: 0,
      error: String(caught?.cause ?? caught),
    };
  }
}
