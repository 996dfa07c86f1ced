import type { ChatUIMessage } from './ui-messages';

/**
 * The chat page shows a window of the conversation: its newest page, and the older pages the
 * person loaded by scrolling up. These keep that window whole as pages join it.
 */

/** Older messages in front of those shown; any already shown are not shown twice. */
export function prependOlder(shown: ChatUIMessage[], older: ChatUIMessage[]): ChatUIMessage[] {
  const ids = new Set(shown.map((m) => m.id));
  return [...older.filter((m) => !ids.has(m.id)), ...shown];
}

/**
 * What to show once the newest page has been read again (after a reply): the saved page replaces
 * the end of the window, and the older messages loaded before it stay in front. null when the page
 * does not account for something shown at the end (a message that never reached the server), or
 * does not reach back to what is shown: then the caller decides.
 */
export function withNewestPage(shown: ChatUIMessage[], newest: ChatUIMessage[]): ChatUIMessage[] | null {
  const first = newest[0];
  if (!first) return shown.length ? null : [];
  const at = shown.findIndex((m) => m.id === first.id);
  if (at < 0) return shown.every((m) => newest.some((s) => s.id === m.id)) ? newest : null;
  const end = shown.slice(at);
  return end.every((m) => newest.some((s) => s.id === m.id)) ? [...shown.slice(0, at), ...newest] : null;
}

/**
 * What to show once the conversation has moved to another branch: the newest page of the branch
 * replaces the window from its first message on (the messages before that are on both branches).
 * null when the page does not reach back to what is shown: then it is the whole window.
 */
export function withBranchPage(shown: ChatUIMessage[], newest: ChatUIMessage[]): ChatUIMessage[] | null {
  const first = newest[0];
  if (!first) return [];
  const at = shown.findIndex((m) => m.id === first.id);
  return at < 0 ? null : [...shown.slice(0, at), ...newest];
}
