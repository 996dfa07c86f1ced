'use client';

import { useId, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { useApiKey } from './api-key';

export type TryItParameter = { name: string; in: 'path' | 'query'; required: boolean };

type Result =
  { status: number; statusText: string; headers: [string, string][]; body: string; done: boolean } | { error: string };

/** Sends the operation to this server with fetch and shows the answer, a stream as it arrives. */
export function TryIt({
  method,
  path,
  parameters,
  exampleBody,
}: {
  method: string;
  path: string;
  parameters: TryItParameter[];
  exampleBody?: string;
}) {
  const id = useId();
  const apiKey = useApiKey();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<Result>();
  const [sending, setSending] = useState(false);
  const abort = useRef<AbortController>(null);

  async function send(form: FormData) {
    const values = (p: TryItParameter) => String(form.get(p.name) ?? '').trim();
    let url = path;
    for (const p of parameters.filter((p) => p.in === 'path'))
      url = url.replace(`{${p.name}}`, encodeURIComponent(values(p)));
    const query = new URLSearchParams(
      parameters.filter((p) => p.in === 'query' && values(p)).map((p) => [p.name, values(p)]),
    );
    if (query.size) url += `?${query}`;
    const headers: Record<string, string> = { accept: 'application/json, text/event-stream' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const body = exampleBody === undefined ? undefined : String(form.get('body') ?? '');
    if (body !== undefined) headers['content-type'] = 'application/json';

    abort.current = new AbortController();
    setSending(true);
    setResult(undefined);
    try {
      const response = await fetch(url, {
        method: method.toUpperCase(),
        headers,
        body,
        credentials: 'same-origin',
        signal: abort.current.signal,
      });
      const answer = {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        body: '',
        done: false,
      };
      setResult(answer);
      const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
        answer.body += chunk.value;
        setResult({ ...answer });
      }
      setResult({ ...answer, body: prettyJson(answer.body, response.headers.get('content-type')), done: true });
    } catch (error) {
      setResult(
        abort.current.signal.aborted ? { error: 'Stopped.' } : { error: `The request failed: ${String(error)}` },
      );
    } finally {
      setSending(false);
    }
  }

  if (!open) {
    return (
      <button type="button" className={buttonStyles.secondary} onClick={() => setOpen(true)}>
        Try it
      </button>
    );
  }

  return (
    <div className="space-y-4 rounded-2xl border border-line bg-sunken/60 p-4">
      <form
        onSubmit={(event) => {
          // Not a form action: React would reset the fields after it, losing what was typed.
          event.preventDefault();
          void send(new FormData(event.currentTarget));
        }}
        className="space-y-3"
        aria-label={`Try ${method.toUpperCase()} ${path}`}
      >
        {parameters.map((p) => (
          <div key={`${p.in}-${p.name}`}>
            <label htmlFor={`${id}-${p.name}`} className="block font-mono text-sm">
              {p.name}
              <span className="ml-2 font-sans text-xs text-ink-soft">
                {p.in === 'path' ? 'path' : 'query'}
                {p.required ? ', required' : ''}
              </span>
            </label>
            <input
              id={`${id}-${p.name}`}
              name={p.name}
              required={p.required}
              className="mt-1 w-full rounded-xl border border-line bg-surface px-3 py-2 font-mono text-sm"
            />
          </div>
        ))}
        {exampleBody !== undefined && (
          <div>
            <label htmlFor={`${id}-body`} className="block text-sm">
              Request body (JSON)
            </label>
            <textarea
              id={`${id}-body`}
              name="body"
              defaultValue={exampleBody}
              rows={Math.min(12, exampleBody.split('\n').length + 1)}
              spellCheck={false}
              className="mt-1 w-full rounded-xl border border-line bg-surface px-3 py-2 font-mono text-sm"
            />
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" className={buttonStyles.primary} disabled={sending}>
            Send request
          </button>
          {sending && (
            <button type="button" className={buttonStyles.ghost} onClick={() => abort.current?.abort()}>
              Stop
            </button>
          )}
          <span className="text-xs text-ink-soft">
            {apiKey ? 'Sends your API key.' : 'Sends your session cookie, if signed in.'}
          </span>
        </div>
      </form>
      <ResultView result={result} />
    </div>
  );
}

function ResultView({ result }: { result?: Result }) {
  const answer = result && 'status' in result ? result : undefined;
  return (
    <div className="space-y-2">
      <p role="status" className="text-sm font-medium">
        {result && 'error' in result && <span className="text-red-700 dark:text-red-300">{result.error}</span>}
        {answer && (
          <>
            Status{' '}
            <span className="font-mono">
              {answer.status} {answer.statusText}
            </span>
            {!answer.done && <span className="ml-2 font-normal text-ink-soft">receiving…</span>}
          </>
        )}
      </p>
      {answer && (
        <details>
          <summary className="cursor-pointer text-sm text-ink-soft">Response headers</summary>
          <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs">
            {answer.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
          </pre>
        </details>
      )}
      {answer?.body && (
        <pre
          tabIndex={0}
          aria-label="Response body"
          className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-xl bg-stone-900 p-3 dark:bg-sunken dark:ring-1 dark:ring-line font-mono text-xs text-stone-100"
        >
          {answer.body}
        </pre>
      )}
    </div>
  );
}

function prettyJson(body: string, contentType: string | null): string {
  if (!contentType?.includes('json')) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
