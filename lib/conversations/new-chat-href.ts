/**
 * Where "Start chat" goes: a draft chat with the companion (app/(app)/chat/new), which writes
 * nothing until the first message. Safe to import in the browser.
 */
export function newChatHref(companion: string, language?: string): string {
  const query = new URLSearchParams({ companion, ...(language ? { language } : {}) });
  return `/chat/new?${query}`;
}
