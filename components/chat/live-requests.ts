/**
 * The chat's requests still open, so that when the browser goes offline they can be ended at once
 * as the network errors they are about to become: a connection that dies without a word can
 * otherwise hang for minutes, with the reply frozen on screen. The reply itself goes on on the
 * server; ending the request only lets the page reconnect to it when the network is back.
 */
export type LiveRequests = {
  fetch: typeof fetch;
  /** Ends every open request with a network error (which the AI SDK reads as a disconnect). */
  dropAll: () => void;
};

export function liveRequests(): LiveRequests {
  const open = new Set<AbortController>();
  return {
    fetch: async (input, init) => {
      const controller = new AbortController();
      const untrack = () => {
        open.delete(controller);
      };
      open.add(controller);
      const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
      signal.addEventListener('abort', untrack, { once: true });
      try {
        const response = await fetch(input, { ...init, signal });
        if (!response.body) {
          untrack();
          return response;
        }
        return new Response(response.body.pipeThrough(new TransformStream({ flush: untrack })), response);
      } catch (error) {
        untrack();
        throw error;
      }
    },
    dropAll: () => {
      for (const controller of open) controller.abort(new TypeError('network error: the browser went offline'));
      open.clear();
    },
  };
}
