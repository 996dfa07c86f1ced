'use client';

import Link from 'next/link';
import { useId, useState, useTransition } from 'react';
import {
  deleteMemoryAction,
  editMemoryAction,
  forgetEverythingAction,
  setMemorySwitchAction,
} from '@/app/(app)/companions/[slug]/memory/actions';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PencilIcon, TrashIcon } from '@/components/ui/icons';
import type { ActionResult } from '@/lib/actions';
import { longDate } from '@/lib/format';
import type { memoryJson } from '@/lib/memory/json';
import type { MemoryKind } from '@/lib/memory/types';
import { MAX_MEMORY_CHARS } from '@/lib/memory/schemas';
import { memoryAsNote, memoryForPerson } from '@/lib/memory/wording';

/** A memory as the REST API shows it: the page and the API share one serializer. */
export type PanelMemory = ReturnType<typeof memoryJson>;

type Props = {
  companion: { id: string; name: string; accentColor: string };
  settings: { enabled: boolean; shared: boolean };
  memories: PanelMemory[];
};

const KIND_LABELS: Record<MemoryKind, string> = {
  fact: 'Fact',
  preference: 'Preference',
  relationship: 'Relationship',
  event: 'Event',
};

export function MemoryPanel({ companion, settings: initialSettings, memories: initialMemories }: Props) {
  const [memories, setMemories] = useState(initialMemories);
  const [settings, setSettings] = useState(initialSettings);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [forgetting, startForgetting] = useTransition();

  const flip = async (key: 'enabled' | 'shared') => {
    const next = !settings[key];
    setSettings((s) => ({ ...s, [key]: next }));
    const result = await setMemorySwitchAction(key === 'enabled' ? companion.id : null, next);
    if (!result.ok) {
      setSettings((s) => ({ ...s, [key]: !next }));
      setError(result.error);
    }
  };

  const forget = () =>
    startForgetting(async () => {
      const result = await forgetEverythingAction(companion.id);
      if (result.ok) {
        setMemories([]);
        setConfirming(false);
      } else setError(result.error);
    });

  const sharedCount = memories.filter((m) => m.shared).length;

  return (
    <div className="mt-8 space-y-6">
      <section aria-label="Memory settings" className="divide-y divide-line rounded-2xl border border-line bg-raised">
        <Switch
          label={`Memory for ${companion.name}`}
          description={
            settings.enabled
              ? `${companion.name} remembers what you share and brings it up when it helps.`
              : `${companion.name} neither remembers new things nor uses what is below.`
          }
          checked={settings.enabled}
          onChange={() => flip('enabled')}
        />
        <Switch
          label="Share general memories with all companions"
          description="Who you are (your name, where you live, your work, your family) is remembered once for every companion. Off: each companion keeps its own."
          checked={settings.shared}
          onChange={() => flip('shared')}
        />
      </section>

      {error && (
        <p
          role="alert"
          className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-950/40 dark:text-red-300"
        >
          {error}
        </p>
      )}

      {memories.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-line px-6 py-10 text-center">
          <p className="font-medium">{companion.name} doesn&apos;t remember anything about you yet.</p>
          <p className="mx-auto mt-2 max-w-md text-sm text-ink-soft">
            Tell {companion.name} about yourself in a chat (your name, where you live, what you&apos;re working towards)
            and it will show up here.
          </p>
        </div>
      ) : (
        <section aria-labelledby="memories-heading">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="memories-heading" className="text-sm font-medium text-ink-faint">
              {memories.length} {memories.length === 1 ? 'memory' : 'memories'}
            </h2>
            <button
              type="button"
              className="text-sm font-medium text-red-600 hover:underline dark:text-red-400"
              onClick={() => setConfirming(true)}
            >
              Forget everything
            </button>
          </div>
          <ul className="mt-3 space-y-2">
            {memories.map((memory) => (
              <MemoryItem
                key={memory.id}
                memory={memory}
                companionName={companion.name}
                sharingOn={settings.shared}
                onSaved={(content) =>
                  setMemories((all) => all.map((m) => (m.id === memory.id ? { ...m, content } : m)))
                }
                onDeleted={() => setMemories((all) => all.filter((m) => m.id !== memory.id))}
              />
            ))}
          </ul>
        </section>
      )}

      <ConfirmDialog
        open={confirming}
        title={`Forget everything ${companion.name} remembers?`}
        body={`This deletes all ${memories.length} ${memories.length === 1 ? 'memory' : 'memories'} for good${sharedCount > 0 ? `, including ${sharedCount} shared with all your companions` : ''}. Your conversations stay.`}
        confirmLabel="Forget everything"
        busy={forgetting}
        busyLabel="Forgetting…"
        onConfirm={forget}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

/** "Apr 2027" for a month said without a day (stored as its first), else "May 3, 2027". */
function eventDay(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  return date.endsWith('-01')
    ? day.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : longDate(day);
}

/** An on/off switch in the brand's ember when on (review D32: a companion's accent made them the app's only blue controls). */
function Switch(props: { label: string; description: string; checked: boolean; onChange: () => void }) {
  const id = useId();
  return (
    <div className="flex items-start justify-between gap-4 px-4 py-4 sm:px-5">
      <div>
        <p id={`${id}-label`} className="font-medium">
          {props.label}
        </p>
        <p id={`${id}-description`} className="mt-1 text-sm text-ink-soft">
          {props.description}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={props.checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-description`}
        onClick={props.onChange}
        className={`relative mt-1 h-6 w-11 shrink-0 rounded-full transition-colors ${props.checked ? 'bg-ember-600' : 'bg-stone-300 dark:bg-stone-600'}`}
      >
        <span
          className={`absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow transition-transform motion-reduce:transition-none ${props.checked ? 'translate-x-5' : ''}`}
        />
      </button>
    </div>
  );
}

function MemoryItem(props: {
  memory: PanelMemory;
  companionName: string;
  sharingOn: boolean;
  onSaved: (content: string) => void;
  onDeleted: () => void;
}) {
  const { memory } = props;
  const [editing, setEditing] = useState(false);
  // Stored as a note for the companion ("Their name is Sam."), shown to the person as "Your name is Sam.".
  const shown = memoryForPerson(memory.content, props.companionName);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldId = useId();

  const run = (action: () => Promise<ActionResult>, done: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setError(null);
        done();
      } else setError(result.error);
    });

  const save = () => {
    const content = draft.replace(/\s+/g, ' ').trim();
    if (!content) return setError('Write what should be remembered, or delete the memory instead.');
    run(
      () => editMemoryAction(memory.id, content),
      () => {
        props.onSaved(memoryAsNote(content));
        setEditing(false);
      },
    );
  };

  return (
    <li className="rounded-2xl border border-line bg-raised px-4 py-3 sm:px-5" aria-busy={pending}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2 text-xs text-ink-faint">
            <span className="rounded-full bg-sunken px-2 py-0.5 font-medium text-ink-soft">
              {KIND_LABELS[memory.kind]}
            </span>
            {memory.event_date && <span>{eventDay(memory.event_date)}</span>}
            {memory.shared && (
              <span title={props.sharingOn ? undefined : 'Not used while sharing is off'}>
                Shared with all companions{props.sharingOn ? '' : ' (sharing off)'}
              </span>
            )}
          </p>
          {editing ? (
            <form
              className="mt-2"
              onSubmit={(event) => {
                event.preventDefault();
                save();
              }}
            >
              <label htmlFor={fieldId} className="sr-only">
                Memory
              </label>
              <textarea
                id={fieldId}
                value={draft}
                maxLength={MAX_MEMORY_CHARS}
                rows={2}
                autoFocus
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${fieldId}-error` : undefined}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey) {
                    event.preventDefault();
                    save();
                  }
                  if (event.key === 'Escape') {
                    setEditing(false);
                    setDraft(shown);
                    setError(null);
                  }
                }}
                className="w-full resize-none rounded-xl border border-line bg-surface px-3 py-2 text-[15px] outline-none focus:border-ember-500 focus:ring-2 focus:ring-ember-500/30"
              />
              <div className="mt-2 flex gap-2">
                <button type="submit" className={buttonStyles.primary} disabled={pending}>
                  {pending ? 'Saving…' : 'Save'}
                </button>
                <button
                  type="button"
                  className={buttonStyles.ghost}
                  onClick={() => {
                    setEditing(false);
                    setDraft(shown);
                    setError(null);
                  }}
                >
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <p className="mt-1.5 text-[15px] leading-relaxed">{shown}</p>
          )}
          {error && (
            <p id={`${fieldId}-error`} role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
          {!editing && (
            <p className="mt-1.5 text-xs text-ink-faint">
              {longDate(new Date(memory.updated_at))}
              <MemorySource memory={memory} />
            </p>
          )}
        </div>
        {!editing && (
          <div className="flex shrink-0 gap-1">
            <button
              type="button"
              className={buttonStyles.icon}
              aria-label={`Edit: ${shown}`}
              onClick={() => setEditing(true)}
              disabled={pending}
            >
              <PencilIcon />
            </button>
            <button
              type="button"
              className={buttonStyles.icon}
              aria-label={`Delete: ${shown}`}
              disabled={pending}
              onClick={() => run(() => deleteMemoryAction(memory.id), props.onDeleted)}
            >
              <TrashIcon />
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

/**
 * Where a memory came from: the words of the message it was learned from, linked to their
 * conversation (review D15: every memory used to name the conversation's title, which is its
 * first message, whichever message it really came from).
 */
function MemorySource({ memory }: { memory: PanelMemory }) {
  if (!memory.conversation_id) return null;
  const href = `/chat/${memory.conversation_id}`;
  if (!memory.source_text)
    return (
      <>
        {' · from '}
        <Link href={href} className="underline-offset-2 hover:underline">
          {memory.conversation_title ?? 'a conversation'}
        </Link>
      </>
    );
  const words = memory.source_text.replace(/\s+/g, ' ').trim();
  const quoted = words.length > 90 ? `${words.slice(0, 89).trimEnd()}…` : words;
  return (
    <>
      {' · you said '}
      <Link
        href={href}
        className="underline-offset-2 hover:underline"
        title={memory.conversation_title ? `In “${memory.conversation_title}”` : undefined}
      >
        “{quoted}”
      </Link>
    </>
  );
}
