'use client';

import { useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { SendIcon, StopIcon } from '@/components/ui/icons';
import { MessageText } from '@/components/chat/message-text';
import type { PersonaFields } from '@/lib/personas/schemas';
import type { ModelOption } from './studio-model-voice';

type Turn = { role: 'user' | 'assistant'; content: string; error?: string; model?: string };

/**
 * Chat with the unsaved draft. Each send posts the draft and the turns so far to /api/admin/preview
 * and streams the reply; nothing is stored, and a change to the draft applies to the next reply.
 */
export function PreviewPanel({ fields, models }: { fields: PersonaFields; models: ModelOption[] }) {
  const modelName = (id: string) => models.find((model) => model.id === id)?.name ?? id;
  const [turns, setTurns] = useState<Turn[]>([]);
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const send = async () => {
    const text = input.trim();
    if (!text || busy) return;
    const history = [...turns.filter((t) => !t.error), { role: 'user' as const, content: text }];
    setTurns([...history, { role: 'assistant', content: '' }]);
    setInput('');
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    const update = (patch: Partial<Turn>) =>
      setTurns((all) => [
        ...all.slice(0, -1),
        { ...all.at(-1)!, ...patch, content: (all.at(-1)!.content ?? '') + (patch.content ?? '') },
      ]);
    try {
      const response = await fetch('/api/admin/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fields, messages: history.map(({ role, content }) => ({ role, content })) }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => null);
        return update({ error: body?.error?.message ?? 'The preview could not start.' });
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as {
            type: string;
            text?: string;
            model?: string;
            error?: { message: string };
          };
          if (event.type === 'start') update({ model: event.model });
          else if (event.type === 'text') update({ content: event.text });
          else if (event.type === 'error') update({ error: event.error?.message });
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') update({ error: 'The connection dropped. Try again.' });
    } finally {
      setBusy(false);
      abort.current = null;
    }
  };

  return (
    <section
      aria-labelledby="preview-heading"
      className="flex h-full min-h-[28rem] flex-col rounded-2xl border border-line bg-raised"
    >
      <header className="flex items-center justify-between gap-2 border-b border-line px-4 py-3">
        <div>
          <h2 id="preview-heading" className="text-base font-semibold">
            Live preview
          </h2>
          <p className="text-xs text-ink-faint">Talks as the unsaved draft. Nothing is saved.</p>
        </div>
        <button
          type="button"
          className={buttonStyles.ghost}
          onClick={() => setTurns([])}
          disabled={busy || turns.length === 0}
        >
          Clear
        </button>
      </header>
      <div
        className="min-h-0 flex-1 space-y-3 overflow-y-auto px-4 py-4"
        aria-live="polite"
        aria-busy={busy}
        data-testid="preview-log"
      >
        {turns.length === 0 ? (
          <p className="py-8 text-center text-sm text-ink-faint">
            {fields.greeting ? (
              <>
                “{fields.greeting.slice(0, 200)}”<br />
                <span className="mt-2 block">Say something to hear how {fields.name || 'the draft'} answers.</span>
              </>
            ) : (
              `Say something to hear how ${fields.name || 'the draft'} answers.`
            )}
          </p>
        ) : (
          turns.map((turn, i) => (
            <div key={i} className={turn.role === 'user' ? 'ml-8 flex justify-end' : 'mr-8'}>
              <div
                className={`rounded-2xl px-3.5 py-2 text-sm ${turn.role === 'user' ? 'bg-stone-900 whitespace-pre-wrap text-white dark:bg-stone-100 dark:text-stone-900' : 'border-l-2 bg-sunken'}`}
                style={turn.role === 'assistant' ? { borderLeftColor: fields.accentColor } : undefined}
              >
                {turn.role === 'user' ? (
                  turn.content
                ) : turn.content ? (
                  <MessageText text={turn.content} streaming={busy && i === turns.length - 1} />
                ) : turn.error ? null : (
                  <span className="text-ink-faint">…</span>
                )}
                {turn.error && (
                  <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
                    {turn.error}
                  </p>
                )}
              </div>
              {turn.role === 'assistant' && turn.model && (
                <p className="mt-1 text-[11px] text-ink-faint">{modelName(turn.model)}</p>
              )}
            </div>
          ))
        )}
      </div>
      <form
        className="flex items-end gap-2 border-t border-line p-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="preview-input" className="sr-only">
          Message to the draft
        </label>
        <textarea
          id="preview-input"
          rows={1}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void send();
            } else if (e.key === 'Escape' && busy) abort.current?.abort();
          }}
          placeholder="Message the draft…"
          className="max-h-32 min-h-10 flex-1 resize-none rounded-xl border border-line bg-surface px-3 py-2 text-sm outline-none focus:border-ember-400"
        />
        {busy ? (
          <button type="button" className={buttonStyles.icon} aria-label="Stop" onClick={() => abort.current?.abort()}>
            <StopIcon />
          </button>
        ) : (
          <button type="submit" className={buttonStyles.icon} aria-label="Send to preview" disabled={!input.trim()}>
            <SendIcon />
          </button>
        )}
      </form>
    </section>
  );
}
