'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { companionPersonaAction, overridePersonaAction } from '@/app/(app)/settings/actions';
import { buttonStyles } from '@/components/ui/button';
import { isEmptyPersona, type CompanionPersona, type UserPersona } from '@/lib/profile/persona-schemas';
import { draftOf, PersonaFields, personaProblems, type PersonaDraft, type PersonaErrors } from './persona-fields';

type Props = { open: boolean; companionSlug: string; companionName: string; onClose: () => void };
type Mode = 'usual' | 'own';

const EMPTY_DRAFT: PersonaDraft = { name: '', pronouns: '', about: '' };

/**
 * "How <companion> knows you": the usual persona (Settings › About you), or one for this companion
 * alone that replaces it whole. Saved on the companion, so every conversation with it knows.
 */
export function CompanionPersonaDialog({ open, companionSlug, companionName, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [loaded, setLoaded] = useState<CompanionPersona | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('usual');
  const [draft, setDraft] = useState<PersonaDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<PersonaErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    const result = await companionPersonaAction(companionSlug).catch(() => ({
      ok: false as const,
      error: 'Hearth could not be reached.',
    }));
    if (!result.ok) return setLoadError(result.error);
    setLoaded(result.persona);
    setMode(result.persona.override ? 'own' : 'usual');
    setDraft(draftOf(result.persona.override ?? result.persona.usual));
  }, [companionSlug]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      setLoaded(null);
      setErrors({});
      setSaveError(null);
      void load();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, load]);

  const save = async () => {
    setSaveError(null);
    const problems = mode === 'own' ? personaProblems(draft) : {};
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    const result = await overridePersonaAction(companionSlug, mode === 'own' ? draft : null).catch(() => ({
      ok: false as const,
      error: 'Hearth could not be reached. Try again.',
    }));
    setSaving(false);
    if (result.ok) return onClose();
    const field = 'field' in result ? result.field?.split('.').at(-1) : undefined;
    if (field === 'name' || field === 'pronouns' || field === 'about') setErrors({ [field]: result.error });
    else setSaveError(result.error);
  };

  return (
    <dialog
      ref={ref}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      aria-labelledby={titleId}
      className="m-auto max-h-[92dvh] w-[min(94vw,36rem)] overflow-y-auto rounded-2xl border border-line bg-raised p-0 text-ink shadow-2xl backdrop:bg-stone-950/50"
    >
      <div className="p-6 pb-4">
        <h2 id={titleId} className="text-lg font-semibold">
          How {companionName} knows you
        </h2>
        <p className="mt-2 text-sm text-ink-soft">
          What {companionName} knows about you from the start of every conversation. Memory keeps what it learns as you
          talk.
        </p>
      </div>
      {loadError ? (
        <div role="alert" className="mx-6 mb-6 rounded-xl bg-sunken p-4 text-sm">
          <p>This couldn’t be loaded. {loadError}</p>
          <button type="button" onClick={load} className={`${buttonStyles.secondary} mt-3`}>
            Try again
          </button>
        </div>
      ) : loaded === null ? (
        <div aria-busy="true" aria-label="Loading" className="mx-6 mb-6 h-40 animate-pulse rounded-xl bg-sunken" />
      ) : (
        <form
          noValidate
          className="space-y-4 px-6 pb-6"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <fieldset className="space-y-2">
            <legend className="sr-only">What {companionName} knows about you</legend>
            <Choice checked={mode === 'usual'} onChange={() => setMode('usual')} label="Use my usual persona">
              <UsualSummary persona={loaded.usual} />
            </Choice>
            <Choice
              checked={mode === 'own'}
              onChange={() => setMode('own')}
              label={`Tell ${companionName} something different`}
            >
              Only {companionName} sees this, in place of your usual persona. What you leave empty, it isn’t told.
            </Choice>
          </fieldset>
          {mode === 'own' && (
            <PersonaFields
              idPrefix="companion-persona"
              companionName={companionName}
              value={draft}
              errors={errors}
              onChange={setDraft}
            />
          )}
          {saveError && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {saveError}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <button type="button" className={buttonStyles.secondary} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={buttonStyles.accent} disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function Choice({
  checked,
  onChange,
  label,
  children,
}: {
  checked: boolean;
  onChange: () => void;
  label: string;
  children: React.ReactNode;
}) {
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-xl border border-line p-3 text-sm has-[:checked]:border-ember-400 has-[:checked]:bg-sunken">
      <input
        type="radio"
        name="companion-persona-mode"
        checked={checked}
        onChange={onChange}
        className="mt-0.5 size-4 accent-ember-700"
      />
      <span className="min-w-0">
        <span className="font-medium">{label}</span>
        <span className="mt-0.5 block text-xs break-words text-ink-faint">{children}</span>
      </span>
    </label>
  );
}

function UsualSummary({ persona }: { persona: UserPersona }) {
  if (isEmptyPersona(persona))
    return (
      <>
        You haven’t written one yet:{' '}
        <Link href="/settings#about-you-heading" className="underline underline-offset-2">
          Settings › About you
        </Link>
        .
      </>
    );
  const about = persona.about && persona.about.length > 120 ? `${persona.about.slice(0, 117)}…` : persona.about;
  return <>{[persona.name, persona.pronouns, about].filter(Boolean).join(' · ')}</>;
}
