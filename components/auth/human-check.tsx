'use client';

import { useEffect, useRef } from 'react';
import { TURNSTILE_SCRIPT_URL } from '@/lib/auth/turnstile-script';

type Turnstile = {
  render: (container: HTMLElement, options: Record<string, unknown>) => string;
  reset: (widgetId: string) => void;
  remove: (widgetId: string) => void;
};

declare global {
  interface Window {
    turnstile?: Turnstile;
  }
}

type Props = {
  siteKey: string;
  action: 'signup' | 'guest';
  /** A fresh token, or null when it expired or failed. */
  onToken: (token: string | null) => void;
  /** Change it to get a new token: each one is good for a single request. */
  resetSignal: number;
};

let loading: Promise<Turnstile> | undefined;

/** Cloudflare's script, once per page; loaded only where this component is (the check is configured). */
function loadTurnstile(): Promise<Turnstile> {
  return (loading ??= new Promise<Turnstile>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = TURNSTILE_SCRIPT_URL;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('Turnstile did not start')));
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Turnstile could not be loaded'));
    };
    document.head.append(script);
  }));
}

/** Cloudflare Turnstile's widget: usually no more than a moment's wait, sometimes a checkbox. */
export function HumanCheck({ siteKey, action, onToken, resetSignal }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const widget = useRef<{ turnstile: Turnstile; id: string } | null>(null);
  const latestOnToken = useRef(onToken);
  useEffect(() => {
    latestOnToken.current = onToken;
  });

  useEffect(() => {
    let cancelled = false;
    loadTurnstile()
      .then((turnstile) => {
        if (cancelled || !container.current) return;
        const id = turnstile.render(container.current, {
          sitekey: siteKey,
          action,
          theme: 'auto',
          callback: (token: string) => latestOnToken.current(token),
          'expired-callback': () => latestOnToken.current(null),
          'error-callback': () => latestOnToken.current(null),
        });
        widget.current = { turnstile, id };
      })
      .catch(() => latestOnToken.current(null));
    return () => {
      cancelled = true;
      if (widget.current) widget.current.turnstile.remove(widget.current.id);
      widget.current = null;
    };
  }, [siteKey, action]);

  useEffect(() => {
    if (resetSignal === 0 || !widget.current) return;
    latestOnToken.current(null);
    widget.current.turnstile.reset(widget.current.id);
  }, [resetSignal]);

  return (
    <div
      ref={container}
      className="flex min-h-[65px] justify-center"
      aria-label="Check that you are a person"
      role="group"
    />
  );
}
