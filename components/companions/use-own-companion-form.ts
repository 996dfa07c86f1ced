'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { createCompanionAction, saveCompanionAction, type CompanionResult } from '@/app/(app)/companions/actions';
import { useUnsavedWarning } from '@/components/admin/use-unsaved-warning';
import { squarePicture } from '@/components/ui/square-picture';
import { ownCompanionFields, type OwnCompanionFields } from '@/lib/companions/own-schemas';
import { fieldProblems } from '@/lib/validation/parse';

/** The fields the form shows, each with its own inline error; a problem with any other goes above the button. */
const SHOWN = new Set([
  'name',
  'tagline',
  'description',
  'instructions',
  'personality',
  'scenario',
  'greeting',
  'exampleDialogue',
  'specialties',
  'languages',
  'voice',
  'model',
  'accentColor',
  'audience',
  'nsfw',
  'avatar',
]);

export type OwnCompanionErrors = Partial<Record<keyof OwnCompanionFields | 'avatar', string>>;
export type SetOwnField = <K extends keyof OwnCompanionFields>(key: K, value: OwnCompanionFields[K]) => void;

// The stored avatar is at most 512 px a side (lib/personas/avatar-resize.ts): no need to send more.
const AVATAR_SIDE = 512;
const UNREADABLE_PICTURE = 'This file isn’t a picture Hearth can read. Choose a PNG, JPEG or WebP image.';
const UNREACHABLE = 'Hearth could not be reached. Check your connection and try again.';

/**
 * The creation form and the editor of a person's companion: the fields as edited and as last saved
 * (their difference, or a new picture, is unsaved work the page warns about leaving), the picked
 * picture, the same checks as the server's before sending, and the server's refusal shown at the
 * field it names. `editing` is the companion's id; without it, saving creates one and opens its page.
 */
export function useOwnCompanionForm(initial: OwnCompanionFields, editing: { id: string; avatarUrl: string } | null) {
  const router = useRouter();
  const [fields, setFields] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [errors, setErrors] = useState<OwnCompanionErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [avatar, setAvatar] = useState<{ blob: Blob | null; preview: string } | null>(null);
  const [savedAvatar, setSavedAvatar] = useState(editing?.avatarUrl ?? null);
  const [pending, startTransition] = useTransition();
  const [leaving, setLeaving] = useState(false);

  const dirty = useMemo(
    () => JSON.stringify(fields) !== JSON.stringify(saved) || Boolean(avatar?.blob),
    [fields, saved, avatar],
  );
  useUnsavedWarning(dirty && !pending && !leaving);
  const preview = avatar?.preview ?? null;
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  // The first field with an error takes the focus once its message is on the page.
  const focusInvalid = useRef(false);
  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    document.querySelector<HTMLElement>('form [aria-invalid="true"], form [data-invalid="true"]')?.focus();
  }, [errors]);

  const set: SetOwnField = (key, value) => {
    setFields((current) => ({ ...current, [key]: value }));
    setStatus(null);
    if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const pickAvatar = async (file: File | undefined) => {
    if (!file) return;
    setStatus(null);
    const picture = await squarePicture(file, AVATAR_SIDE).catch(() => null);
    setErrors((current) => ({ ...current, avatar: picture ? undefined : UNREADABLE_PICTURE }));
    if (picture) setAvatar({ blob: picture, preview: URL.createObjectURL(picture) });
  };

  const refuse = (result: Extract<CompanionResult, { ok: false }>) => {
    if (result.field && SHOWN.has(result.field)) {
      setErrors({ [result.field]: result.error });
      setFormError(null);
      focusInvalid.current = true;
    } else setFormError(result.error);
  };

  const submit = () => {
    setStatus(null);
    setFormError(null);
    const problems: OwnCompanionErrors = fieldProblems(ownCompanionFields, fields);
    if (Object.keys(problems).length > 0) {
      const hidden = Object.entries(problems).find(([field]) => !SHOWN.has(field));
      setErrors(problems);
      setFormError(hidden ? hidden[1] : null);
      focusInvalid.current = true;
      return;
    }
    startTransition(async () => {
      const form = new FormData();
      form.set('fields', JSON.stringify(fields));
      if (avatar?.blob) form.set('avatar', avatar.blob, 'avatar.webp');
      if (editing) form.set('id', editing.id);
      const action = editing ? saveCompanionAction : createCompanionAction;
      const result: CompanionResult = await action(form).catch(() => ({ ok: false, error: UNREACHABLE }));
      if (!result.ok) return refuse(result);
      setErrors({});
      setSaved(fields);
      setSavedAvatar(result.avatarUrl);
      setAvatar((picked) => picked && { ...picked, blob: null });
      if (!editing) {
        setLeaving(true);
        router.push(`/companions/${result.id}?created=1`);
        return;
      }
      setStatus('Saved. They’ll speak this way from your next message.');
      router.refresh();
    });
  };

  return {
    fields,
    saved,
    errors,
    formError,
    status,
    pending: pending || leaving,
    dirty,
    avatarSrc: preview ?? savedAvatar ?? '/avatars/default.svg',
    set,
    pickAvatar,
    submit,
  };
}
