/**
 * Generations running in this process, by conversation, so that Stop can end one that is no
 * longer tied to the request that started it (replies finish even after the client leaves).
 */
const active = new Map<string, AbortController>();

export function registerGeneration(conversationId: string): AbortController {
  active.get(conversationId)?.abort(new Error('superseded by a newer message'));
  const controller = new AbortController();
  active.set(conversationId, controller);
  return controller;
}

export function releaseGeneration(conversationId: string, controller: AbortController): void {
  if (active.get(conversationId) === controller) active.delete(conversationId);
}

/** Returns whether a generation was running. */
export function stopGeneration(conversationId: string): boolean {
  const controller = active.get(conversationId);
  if (!controller) return false;
  controller.abort(new Error('stopped by the user'));
  active.delete(conversationId);
  return true;
}

/** How many generations this process is running. */
export function activeGenerationCount(): number {
  return active.size;
}
