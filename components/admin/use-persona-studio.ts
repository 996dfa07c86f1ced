'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Persona } from '@/lib/personas/queries';
import { personaFields, slugify, type PersonaFields } from '@/lib/personas/schemas';
import { adminFetch, jsonInit } from './api';
import { avatarProblem } from './avatar-file';
import { useConfirm } from './use-confirm';
import { useTokenCount } from './use-token-count';
import { useUnsavedWarning } from './use-unsaved-warning';

export type StudioErrors = Partial<Record<keyof PersonaFields | 'avatar' | 'form', string>>;
export type SetField = <K extends keyof PersonaFields>(key: K, value: PersonaFields[K]) => void;
/** What every section of the form gets: the draft, its inline errors, and how to change a field. */
export type FieldProps = { fields: PersonaFields; errors: StudioErrors; set: SetField };

export type ManageAction = 'duplicate' | 'archive' | 'restore';
const MANAGED: Record<ManageAction, string> = {
  duplicate: 'Duplicated.',
  archive: 'Archived.',
  restore: 'Restored from the archive.',
};

/**
 * The persona studio's draft: the fields as edited and as last saved (their difference, or a new
 * avatar, is unsaved work the page warns about leaving), inline checks before anything is sent,
 * saving a new version, restoring an old one, and the persona's duplicate, archive and restore.
 */
export function usePersonaStudio(persona: Persona | null, initial: PersonaFields) {
  const router = useRouter();
  const [fields, setFields] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [version, setVersion] = useState(persona?.version ?? 0);
  const [errors, setErrors] = useState<StudioErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The picked avatar waits for the next save; its preview stays after the upload.
  const [avatar, setAvatar] = useState<{ file: File | null; preview: string } | null>(null);
  // A new persona's slug follows its name until the slug is edited.
  const [slugTouched, setSlugTouched] = useState(Boolean(persona));
  const tokens = useTokenCount(fields.instructions);
  const { ask, dialog: confirmDialog } = useConfirm();

  const avatarFile = avatar?.file ?? null;
  const avatarPreview = avatar?.preview ?? null;
  const dirty = useMemo(
    () => JSON.stringify(fields) !== JSON.stringify(saved) || avatarFile !== null,
    [fields, saved, avatarFile],
  );
  useUnsavedWarning(dirty && !busy);
  useEffect(() => () => void (avatarPreview && URL.revokeObjectURL(avatarPreview)), [avatarPreview]);
  // A field the server refused takes the focus once its error is on the page.
  const focusRefused = useRef(false);
  useEffect(() => {
    if (!focusRefused.current) return;
    focusRefused.current = false;
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set: SetField = (key, value) => {
    setFields((f) => ({
      ...f,
      [key]: value,
      ...(key === 'name' && !slugTouched ? { slug: slugify(String(value)) } : {}),
    }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const setSlug = (value: string) => {
    setSlugTouched(true);
    set('slug', value.toLowerCase());
  };

  const pickAvatar = async (file: File | undefined) => {
    if (!file) return;
    const problem = await avatarProblem(file);
    setErrors((e) => ({ ...e, avatar: problem ?? undefined }));
    if (!problem) setAvatar({ file, preview: URL.createObjectURL(file) });
  };

  const validate = (next: PersonaFields): boolean => {
    const result = personaFields.safeParse(next);
    if (result.success) return true;
    const found: StudioErrors = {};
    for (const issue of result.error.issues) found[issue.path[0] as keyof PersonaFields] ??= issue.message;
    setErrors(found);
    setStatus(`Check ${Object.keys(found).length === 1 ? 'the highlighted field' : 'the highlighted fields'}.`);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    return false;
  };

  const save = async (override?: Partial<PersonaFields>) => {
    const next = { ...fields, ...override };
    if (!validate(next)) return;
    setBusy(true);
    setStatus(null);
    const result = persona
      ? await adminFetch<{ persona: Persona }>(
          `/api/admin/personas/${persona.id}`,
          jsonInit('PUT', { fields: next, baseVersion: version }),
        )
      : await adminFetch<{ persona: Persona }>(
          '/api/admin/personas',
          jsonInit('POST', { fields: next, baseVersion: null }),
        );
    if (!result.ok) {
      setBusy(false);
      const key = result.error.param?.replace(/^fields\./, '').split('.')[0] as keyof PersonaFields | undefined;
      if (key && key in next) {
        setErrors({ [key]: result.error.message });
        focusRefused.current = true;
      }
      return setStatus(result.error.message);
    }
    const stored = result.data.persona;
    if (avatarFile) {
      const upload = await adminFetch<{ persona: Persona }>(`/api/admin/personas/${stored.id}/avatar`, {
        method: 'PUT',
        body: avatarFile,
      });
      if (!upload.ok) {
        setBusy(false);
        setErrors({ avatar: upload.error.message });
        setStatus(`Saved, but the avatar was refused: ${upload.error.message}`);
        if (!persona) router.replace(`/admin/personas/${stored.id}`);
        return;
      }
      setAvatar((picked) => picked && { ...picked, file: null });
    }
    setFields(next);
    setSaved(next);
    setVersion(stored.version);
    setBusy(false);
    setStatus(`Saved as version ${stored.version}.`);
    if (!persona) router.replace(`/admin/personas/${stored.id}?created=1`);
    else router.refresh();
  };

  const manage = async (action: ManageAction) => {
    if (!persona) return;
    setBusy(true);
    const result = await adminFetch<{ persona: Persona }>(
      `/api/admin/personas/${persona.id}/actions`,
      jsonInit('POST', { action }),
    );
    setBusy(false);
    if (!result.ok) return setStatus(result.error.message);
    if (action === 'duplicate') return router.push(`/admin/personas/${result.data.persona.id}`);
    setStatus(MANAGED[action]);
    router.refresh();
  };

  const restoreVersion = async (v: number) => {
    const question = {
      title: `Restore version ${v}?`,
      body: 'Restoring replaces your unsaved changes.',
      confirmLabel: 'Restore',
    };
    if (dirty && !(await ask(question))) return;
    if (!persona) return;
    setBusy(true);
    const result = await adminFetch<{ persona: Persona }>(
      `/api/admin/personas/${persona.id}/actions`,
      jsonInit('POST', { action: 'restore_version', version: v }),
    );
    setBusy(false);
    if (!result.ok) return setStatus(result.error.message);
    const newVersion = result.data.persona.version;
    const restored = personaFields.parse(
      Object.fromEntries(Object.entries(result.data.persona).filter(([key]) => key in personaFields.shape)),
    );
    setFields(restored);
    setSaved(restored);
    setVersion(newVersion);
    setStatus(`Restored version ${v} as version ${newVersion}.`);
    router.refresh();
  };

  return {
    fields,
    saved,
    version,
    errors,
    status,
    busy,
    dirty,
    tokens,
    avatarPreview,
    set,
    setSlug,
    pickAvatar,
    save,
    manage,
    restoreVersion,
    confirmDialog,
  };
}
