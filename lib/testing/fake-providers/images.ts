import type { ServerResponse } from 'node:http';
import { encodePng } from '../../uploads/png.ts';
import { sendJson } from './http.ts';
import type { RecordedRequest } from './scenario.ts';

/**
 * POST {base}/images/generations as OpenAI speaks it: JSON {model, prompt, n, size?,
 * response_format?}; answers {created, data: [{b64_json}]} (gpt-image-1 always answers base64).
 * The picture is a small PNG whose colour comes from the prompt, so a test can tell prompts apart;
 * "[fail:NNN]" in the prompt answers that error status instead, as OpenAI words it.
 */
export function answerImageGeneration(request: RecordedRequest, res: ServerResponse): void {
  const body = request.body as { model?: unknown; prompt?: unknown; n?: unknown } | undefined;
  if (typeof body?.prompt !== 'string' || !body.prompt) {
    return sendJson(res, 400, {
      error: {
        message: "Missing required parameter: 'prompt'.",
        type: 'invalid_request_error',
        param: 'prompt',
        code: 'missing_required_parameter',
      },
    });
  }
  request.model = typeof body.model === 'string' ? body.model : undefined;
  const fail = /\[fail:(\d{3})\]/i.exec(body.prompt);
  if (fail) {
    return sendJson(res, Number(fail[1]), {
      error: { message: `Image generation failed with status ${fail[1]}.`, type: 'server_error', code: null },
    });
  }
  const seed = [...body.prompt].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0, 0x811c9dc5);
  const colour = [seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff, 255] as const;
  const n = typeof body.n === 'number' && body.n > 0 ? Math.min(body.n, 4) : 1;
  const png = Buffer.from(encodePng(64, 64, () => colour)).toString('base64');
  sendJson(res, 200, {
    created: Math.floor(Date.now() / 1000),
    data: Array.from({ length: n }, () => ({ b64_json: png })),
    usage: { input_tokens: 10, output_tokens: 100, total_tokens: 110 },
  });
}
