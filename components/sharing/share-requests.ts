/** The browser's calls to the shared-links API (/api/v1/shares), with errors as readable messages. */

/** A shared link as the API answers it (lib/sharing/json.ts). */
export type ShareLink = {
  id: string;
  url: string;
  conversation_id: string;
  title: string;
  companion_name: string;
  shows_name: boolean;
  message_count: number;
  created_at: string;
};

async function call(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error('You seem to be offline. Check your connection and try again.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? 'Something went wrong. Please try again.');
  }
  return response;
}

export async function fetchShareLinks(conversationId?: string): Promise<ShareLink[]> {
  const query = conversationId ? `?conversation=${encodeURIComponent(conversationId)}` : '';
  const { data } = (await (await call(`/api/v1/shares${query}`)).json()) as { data: ShareLink[] };
  return data;
}

export async function createShareLink(conversationId: string, showName: boolean): Promise<ShareLink> {
  const response = await call('/api/v1/shares', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversation: conversationId, show_name: showName }),
  });
  return (await response.json()) as ShareLink;
}

export async function turnOffShareLink(id: string): Promise<void> {
  await call(`/api/v1/shares/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
