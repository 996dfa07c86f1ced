'use client';

import { useEffect, useState } from 'react';
import { CheckIcon, CopyIcon } from '@/components/ui/icons';

let highlighter: Promise<typeof import('./highlight')> | undefined;
/** The highlighter's chunk, fetched once, when the first code block is shown. */
const loadHighlighter = () => (highlighter ??= import('./highlight'));

/** "language-python" (react-markdown's class for ```python) -> "python". */
export function languageOf(className: string | undefined): string | undefined {
  return className?.match(/(?:^|\s)language-([\w+#.-]+)/)?.[1]?.toLowerCase();
}

/**
 * A fenced code block: its language and a copy button above the code, the code plain at first and
 * highlighted once the highlighter's chunk is in (only pages that show code fetch it).
 */
export function CodeBlock({ code, language }: { code: string; language?: string }) {
  const [html, setHtml] = useState<{ code: string; html: string } | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let current = true;
    loadHighlighter()
      .then(({ highlight }) => {
        const highlighted = highlight(code, language);
        if (current && highlighted !== null) setHtml({ code, html: highlighted });
      })
      .catch(() => {}); // the chunk did not load (offline): the code stays plain, still readable
    return () => {
      current = false;
    };
  }, [code, language]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false); // clipboard refused (insecure context or permission)
    }
  };

  return (
    <div
      className="code-block overflow-hidden rounded-xl bg-[#1c1917] text-stone-100 ring-1 ring-white/10"
      data-testid="code-block"
    >
      <div className="flex items-center justify-between gap-2 border-b border-white/10 py-1 pr-1 pl-3.5 text-xs text-stone-300">
        <span>{language ?? 'code'}</span>
        <button
          type="button"
          onClick={copy}
          aria-label={copied ? 'Copied' : 'Copy code'}
          className="inline-flex items-center gap-1.5 rounded-lg px-2 py-1 hover:bg-white/10 hover:text-white"
        >
          {copied ? <CheckIcon className="size-3.5" /> : <CopyIcon className="size-3.5" />}
          <span aria-hidden="true">{copied ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      {/* Focusable so a keyboard can scroll a long line sideways. */}
      <pre tabIndex={0} className="rounded-none!">
        {html?.code === code ? (
          <code
            className={`hljs${language ? ` language-${language}` : ''}`}
            data-highlighted="yes"
            dangerouslySetInnerHTML={{ __html: html.html }}
          />
        ) : (
          <code className={language ? `language-${language}` : undefined}>{code}</code>
        )}
      </pre>
    </div>
  );
}
