'use client';

/** The admin routes' JSON error envelope, as something a form can show inline. */
export type ApiFailure = { message: string; param?: string; status: number };

export async function adminFetch<T>(
  url: string,
  init: RequestInit = {},
): Promise<{ ok: true; data: T } | { ok: false; error: ApiFailure }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return {
      ok: false,
      error: { message: 'Could not reach the server. Check your connection and try again.', status: 0 },
    };
  }
  const body = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  const error = (body as { error?: { message?: string; param?: string } } | null)?.error;
  return {
    ok: false,
    error: {
      message: error?.message ?? `The server answered ${response.status}.`,
      param: error?.param,
      status: response.status,
    },
  };
}

export const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
