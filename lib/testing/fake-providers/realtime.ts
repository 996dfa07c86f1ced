import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';
import type { RecordedRequest } from './scenario.ts';

/**
 * Ephemeral tokens for the providers' realtime APIs.
 *
 * OpenAI: POST {base}/realtime/client_secrets as OpenAI checks it: {session: {type: 'realtime', model, ...},
 * expires_after?: {anchor: 'created_at', seconds: 10..7200}} -> {value: 'ek_...', expires_at,
 * session}. "[fail:NNN]" in the instructions answers that error.
 */
export const REALTIME_MODELS = [
  'gpt-realtime',
  'gpt-realtime-mini',
  'gpt-4o-realtime-preview',
  'gpt-4o-mini-realtime-preview',
];

let minted = 0;

export function answerRealtimeSecret(
  request: RecordedRequest,
  res: ServerResponse,
  sendError: (status: number, message?: string) => void,
): void {
  const body = (request.body ?? {}) as {
    session?: { type?: unknown; model?: unknown; instructions?: unknown };
    expires_after?: { anchor?: unknown; seconds?: unknown };
  };
  const session = body.session;
  if (!session || session.type !== 'realtime')
    return sendError(400, "Invalid value for 'session.type': expected 'realtime'.");
  if (typeof session.model !== 'string' || !REALTIME_MODELS.includes(session.model)) {
    return sendError(400, `Invalid value for 'session.model': '${String(session.model)}'.`);
  }
  const seconds = body.expires_after?.seconds ?? 600;
  if (
    body.expires_after &&
    (body.expires_after.anchor !== 'created_at' || typeof seconds !== 'number' || seconds < 10 || seconds > 7200)
  ) {
    return sendError(400, "Invalid 'expires_after': anchor must be 'created_at' and seconds between 10 and 7200.");
  }
  request.model = session.model;
  const fail = /\[fail:(\d{3})\]/i.exec(typeof session.instructions === 'string' ? session.instructions : '');
  if (fail) return sendError(Number(fail[1]));
  sendJson(res, 200, {
    value: `ek_fake_${++minted}_${Math.random().toString(36).slice(2, 10)}`,
    expires_at: Math.floor(Date.now() / 1000) + Number(seconds),
    session: { id: `sess_fake_${minted}`, object: 'realtime.session', ...session },
  });
}

/**
 * Gemini Live: POST /v1alpha/auth_tokens?key=... {uses, expireTime, newSessionExpireTime,
 * bidiGenerateContentSetup: {model: 'models/...', generationConfig, systemInstruction, ...}} ->
 * {name: 'auth_tokens/...', uses, expireTime, newSessionExpireTime}. expireTime is at most 20 hours
 * ahead; the setup's model must be a Live model. "[fail:NNN]" in the system instruction answers that error.
 */
export function answerLiveToken(
  request: RecordedRequest,
  res: ServerResponse,
  sendError: (status: number, message?: string) => void,
): void {
  const body = (request.body ?? {}) as {
    uses?: unknown;
    expireTime?: unknown;
    newSessionExpireTime?: unknown;
    bidiGenerateContentSetup?: { model?: unknown; systemInstruction?: { parts?: { text?: string }[] } };
  };
  const expires = Date.parse(String(body.expireTime ?? ''));
  if (!Number.isFinite(expires) || expires <= Date.now() || expires > Date.now() + 20 * 3600_000) {
    return sendError(400, "Invalid value at 'expire_time': must be in the future and within 20 hours.");
  }
  if (body.uses !== undefined && (typeof body.uses !== 'number' || !Number.isInteger(body.uses) || body.uses < 0)) {
    return sendError(400, "Invalid value at 'uses'.");
  }
  const model = body.bidiGenerateContentSetup?.model;
  if (body.bidiGenerateContentSetup && (typeof model !== 'string' || !/^models\/.*(live|native-audio)/.test(model))) {
    return sendError(400, `Model ${String(model)} is not supported for the Live API.`);
  }
  request.model = typeof model === 'string' ? model.replace(/^models\//, '') : undefined;
  const instruction =
    body.bidiGenerateContentSetup?.systemInstruction?.parts?.map((part) => part.text ?? '').join('') ?? '';
  const fail = /\[fail:(\d{3})\]/i.exec(instruction);
  if (fail) return sendError(Number(fail[1]));
  sendJson(res, 200, {
    name: `auth_tokens/fake_${++minted}_${Math.random().toString(36).slice(2, 10)}`,
    uses: body.uses ?? 1,
    expireTime: new Date(expires).toISOString(),
    newSessionExpireTime: body.newSessionExpireTime,
  });
}
