'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '@/lib/languages';
import type { Persona, Version } from '@/lib/personas/queries';
import { personaFields, slugify, type PersonaFields } from '@/lib/personas/schemas';
import { VOICE_STYLES } from '@/lib/voice/styles';
import { adminFetch, jsonInit } from './api';
import { Section, Select, TagInput, TextArea, TextInput, Toggle } from './fields';
import { PreviewPanel } from './preview-panel';
import { useUnsavedWarning } from './use-unsaved-warning';
import { VersionHistory } from './version-history';

export type ModelOption = { id: string; name: string; available: boolean };

type Props = {
  persona: Persona | null;
  initial: PersonaFields;
  versions: Version[];
  models: ModelOption[];
};

type Errors = Partial<Record<keyof PersonaFields | 'avatar' | 'form', string>>;

const MAX_AVATAR = 2 * 1024 * 1024;

/** The persona studio: every field with inline checks, avatar, versions, card export and a live preview. */
export function PersonaStudio({ persona, initial, versions, models }: Props) {
  const router = useRouter();
  const [fields, setFields] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [version, setVersion] = useState(persona?.version ?? 0);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [avatarFile, setAvatarFile] = useState<File | null>(null);
  const [avatarPreview, setAvatarPreview] = useState<string | null>(null);
  const [slugTouched, setSlugTouched] = useState(Boolean(persona));
  const [tokens, setTokens] = useState<number | null>(null);
  const [showPreview, setShowPreview] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const dirty = useMemo(() => JSON.stringify(fields) !== JSON.stringify(saved) || avatarFile !== null, [fields, saved, avatarFile]);
  useUnsavedWarning(dirty && !busy);

  // A live token count of the system instructions (the tokenizer loads on first use).
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void import('gpt-tokenizer').then(({ countTokens }) => !cancelled && setTokens(countTokens(fields.instructions)));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [fields.instructions]);

  useEffect(() => () => void (avatarPreview && URL.revokeObjectURL(avatarPreview)), [avatarPreview]);

  const set = <K extends keyof PersonaFields>(key: K, value: PersonaFields[K]) => {
    setFields((f) => ({ ...f, [key]: value, ...(key === 'name' && !slugTouched ? { slug: slugify(String(value)) } : {}) }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const pickAvatar = async (file: File | undefined) => {
    if (!file) return;
    const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
    const isPng = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
    const isJpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    const isWebp = String.fromCharCode(...head.slice(0, 4)) === 'RIFF' && String.fromCharCode(...head.slice(8, 12)) === 'WEBP';
    if (!isPng && !isJpeg && !isWebp) return setErrors((e) => ({ ...e, avatar: 'Choose a PNG, JPEG or WebP image (this file is none of them).' }));
    if (file.size > MAX_AVATAR) return setErrors((e) => ({ ...e, avatar: 'Avatars can be at most 2 MB.' }));
    setErrors((e) => ({ ...e, avatar: undefined }));
    setAvatarFile(file);
    setAvatarPreview(URL.createObjectURL(file));
  };

  const validate = (next: PersonaFields): boolean => {
    const result = personaFields.safeParse(next);
    if (result.success) return true;
    const found: Errors = {};
    for (const issue of result.error.issues) {
      const key = issue.path[0] as keyof PersonaFields;
      found[key] ??= issue.message;
    }
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
      ? await adminFetch<{ persona: Persona }>(`/api/admin/personas/${persona.id}`, jsonInit('PUT', { fields: next, baseVersion: version }))
      : await adminFetch<{ persona: Persona }>('/api/admin/personas', jsonInit('POST', { fields: next, baseVersion: null }));
    if (!result.ok) {
      setBusy(false);
      const key = result.error.param?.replace(/^fields\./, '').split('.')[0] as keyof PersonaFields | undefined;
      if (key && key in next) setErrors({ [key]: result.error.message });
      return setStatus(result.error.message);
    }
    const saved = result.data.persona;
    if (avatarFile) {
      const upload = await adminFetch<{ persona: Persona }>(`/api/admin/personas/${saved.id}/avatar`, { method: 'PUT', body: avatarFile });
      if (!upload.ok) {
        setBusy(false);
        setErrors({ avatar: upload.error.message });
        setStatus(`Saved, but the avatar was refused: ${upload.error.message}`);
        if (!persona) router.replace(`/admin/personas/${saved.id}`);
        return;
      }
      setAvatarFile(null);
    }
    setFields(next);
    setSaved(next);
    setVersion(saved.version);
    setBusy(false);
    setStatus(`Saved as version ${saved.version}.`);
    if (!persona) router.replace(`/admin/personas/${saved.id}?created=1`);
    else router.refresh();
  };

  const action = async (body: object, done: string) => {
    if (!persona) return;
    setBusy(true);
    const result = await adminFetch<{ persona: Persona }>(`/api/admin/personas/${persona.id}/actions`, jsonInit('POST', body));
    setBusy(false);
    if (!result.ok) return setStatus(result.error.message);
    if ((body as { action: string }).action === 'duplicate') return router.push(`/admin/personas/${result.data.persona.id}`);
    setStatus(done);
    router.refresh();
  };

  const restore = async (v: number) => {
    if (dirty && !window.confirm('Restoring replaces your unsaved changes. Continue?')) return;
    if (!persona) return;
    setBusy(true);
    const result = await adminFetch<{ persona: Persona }>(`/api/admin/personas/${persona.id}/actions`, jsonInit('POST', { action: 'restore_version', version: v }));
    setBusy(false);
    if (!result.ok) return setStatus(result.error.message);
    const newVersion = result.data.persona.version;
    const restored = personaFields.parse(Object.fromEntries(Object.entries(result.data.persona).filter(([key]) => key in personaFields.shape)));
    setFields(restored);
    setSaved(restored);
    setVersion(newVersion);
    setStatus(`Restored version ${v} as version ${newVersion}.`);
    router.refresh();
  };

  const toggleIn = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const published = fields.visibility === 'published';
  const modelOptions = models.map((m) => ({ value: m.id, label: `${m.name}${m.available ? '' : ' (not configured)'}` }));
  if (!models.some((m) => m.id === fields.defaultModel)) modelOptions.unshift({ value: fields.defaultModel, label: fields.defaultModel });

  return (
    <div className="pb-24">
      <div className="sticky top-0 z-10 -mx-4 mb-6 flex flex-wrap items-center gap-2 border-b border-line bg-surface/90 px-4 py-3 backdrop-blur sm:-mx-8 sm:px-8">
        <div className="mr-auto min-w-0">
          <p className="text-xs text-ink-faint">
            <Link href="/admin/personas" className="hover:underline">Personas</Link> /
          </p>
          <h1 className="truncate text-xl font-semibold tracking-tight">{fields.name || 'New persona'}</h1>
          <p className="text-xs text-ink-faint">
            <span className={`mr-1.5 inline-block rounded-full px-2 py-0.5 font-medium ${published ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' : 'bg-sunken text-ink-soft'}`}>
              {persona?.archivedAt ? 'Archived' : published ? 'Published' : 'Draft'}
            </span>
            {version > 0 ? `Version ${version}` : 'Not saved yet'}
            {dirty && <span className="ml-1.5 text-ember-700 dark:text-ember-300">· Unsaved changes</span>}
          </p>
        </div>
        <button type="button" className={`${buttonStyles.secondary} lg:hidden`} onClick={() => setShowPreview((s) => !s)} aria-expanded={showPreview} aria-controls="studio-preview">
          {showPreview ? 'Hide preview' : 'Preview'}
        </button>
        {persona && (
          <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={() => void save({ visibility: published ? 'draft' : 'published' })}>
            {published ? 'Unpublish' : 'Publish'}
          </button>
        )}
        <button type="button" className={buttonStyles.primary} disabled={busy || (!dirty && Boolean(persona))} onClick={() => void save()}>
          {busy ? 'Saving…' : persona ? 'Save' : 'Create draft'}
        </button>
      </div>
      <p role="status" aria-live="polite" className={`mb-4 text-sm ${status ? '' : 'sr-only'} ${Object.values(errors).some(Boolean) ? 'text-red-600 dark:text-red-400' : 'text-ink-soft'}`}>
        {status}
      </p>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <form className="min-w-0 space-y-6" noValidate onSubmit={(e) => (e.preventDefault(), void save())}>
          <Section title="Identity">
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              <div className="flex flex-col items-center gap-2">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={avatarPreview ?? persona?.avatarUrl ?? '/avatars/default.svg'} alt={`Portrait of ${fields.name || 'the persona'}`} width={96} height={96} className="size-24 rounded-full bg-sunken object-cover" style={{ boxShadow: `0 0 0 2px var(--surface), 0 0 0 4px ${fields.accentColor}66` }} />
                <input ref={fileInput} id="avatar-file" type="file" accept="image/png,image/jpeg,image/webp" className="sr-only" onChange={(e) => void pickAvatar(e.target.files?.[0])} aria-describedby="avatar-help" />
                <label htmlFor="avatar-file" className={`${buttonStyles.ghost} cursor-pointer !py-1 text-xs`} tabIndex={0} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), fileInput.current?.click())}>
                  Change avatar
                </label>
                <p id="avatar-help" className={`max-w-40 text-center text-[11px] ${errors.avatar ? 'text-red-600 dark:text-red-400' : 'text-ink-faint'}`} role={errors.avatar ? 'alert' : undefined}>
                  {errors.avatar ?? 'PNG, JPEG or WebP, up to 2 MB'}
                </p>
              </div>
              <div className="grid min-w-0 flex-1 gap-4 sm:grid-cols-2">
                <TextInput label="Name" value={fields.name} onChange={(v) => set('name', v)} error={errors.name} maxLength={80} required />
                <TextInput
                  label="Slug"
                  value={fields.slug}
                  onChange={(v) => (setSlugTouched(true), set('slug', v.toLowerCase()))}
                  error={errors.slug}
                  hint={persona && fields.slug !== saved.slug ? `/companions/${saved.slug} will redirect here.` : `/companions/${fields.slug || '…'}`}
                  maxLength={64}
                  spellCheck={false}
                />
                <TextInput className="sm:col-span-2" label="Tagline" value={fields.tagline} onChange={(v) => set('tagline', v)} error={errors.tagline} maxLength={160} hint={`${fields.tagline.length}/160 · shown on the companion's card`} />
              </div>
            </div>
            <TextArea label="Description" value={fields.description} onChange={(v) => set('description', v)} error={errors.description} rows={3} hint="What people read on the companion's page." />
            <TagInput label="Specialties" values={fields.specialties} onChange={(v) => set('specialties', v)} error={errors.specialties} placeholder="Type a tag and press Enter" />
            <fieldset>
              <legend className="mb-1 text-sm font-medium">Languages</legend>
              <div className="flex flex-wrap gap-2">
                {LANGUAGES.map((lang) => (
                  <label key={lang} className={`cursor-pointer rounded-full border px-3 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ember-500 ${fields.languages.includes(lang) ? 'border-ember-400 bg-ember-50 text-ember-900 dark:bg-ember-950 dark:text-ember-100' : 'border-line'}`}>
                    <input type="checkbox" className="sr-only" checked={fields.languages.includes(lang)} onChange={() => set('languages', toggleIn<Language>(fields.languages, lang))} />
                    {LANGUAGE_LABELS[lang]} <span className="text-xs text-ink-faint">{lang}</span>
                  </label>
                ))}
              </div>
              {errors.languages && <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{errors.languages}</p>}
            </fieldset>
          </Section>

          <Section title="Character" description="What the model is told. Only the instructions are required; the rest follow the Character Card fields.">
            <TextArea
              label="System instructions"
              value={fields.instructions}
              onChange={(v) => set('instructions', v)}
              error={errors.instructions}
              rows={8}
              hint={`${tokens === null ? '…' : tokens.toLocaleString('en-US')} tokens · ${fields.instructions.length.toLocaleString('en-US')}/20,000 characters`}
            />
            <TextArea label="Personality" value={fields.personality} onChange={(v) => set('personality', v)} error={errors.personality} rows={2} />
            <TextArea label="Scenario" value={fields.scenario} onChange={(v) => set('scenario', v)} error={errors.scenario} rows={2} />
            <TextArea label="Greeting" value={fields.greeting} onChange={(v) => set('greeting', v)} error={errors.greeting} rows={2} hint="The first message of every new chat." />
            <div>
              <p className="mb-1 text-sm font-medium">Alternate greetings</p>
              <div className="space-y-2">
                {fields.alternateGreetings.map((g, i) => (
                  <div key={i} className="flex items-start gap-2">
                    <TextArea className="flex-1" label={`Alternate greeting ${i + 1}`} value={g} rows={2} onChange={(v) => set('alternateGreetings', fields.alternateGreetings.map((x, j) => (j === i ? v : x)))} />
                    <button type="button" className={`${buttonStyles.ghost} mt-6`} aria-label={`Remove alternate greeting ${i + 1}`} onClick={() => set('alternateGreetings', fields.alternateGreetings.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  </div>
                ))}
                <button type="button" className={`${buttonStyles.ghost} !px-2`} onClick={() => set('alternateGreetings', [...fields.alternateGreetings, ''])} disabled={fields.alternateGreetings.length >= 20}>
                  + Add a greeting
                </button>
                {errors.alternateGreetings && <p role="alert" className="text-xs text-red-600 dark:text-red-400">{errors.alternateGreetings}</p>}
              </div>
            </div>
            <TextArea label="Example dialogue" value={fields.exampleDialogue} onChange={(v) => set('exampleDialogue', v)} error={errors.exampleDialogue} rows={4} hint="{{user}} and {{char}} lines showing how the character talks." />
            <TextArea label="Post-history instructions" value={fields.postHistoryInstructions} onChange={(v) => set('postHistoryInstructions', v)} error={errors.postHistoryInstructions} rows={2} hint="Kept from imported cards and exported again." />
          </Section>

          <Section title="Model and voice">
            <div className="grid gap-4 sm:grid-cols-2">
              <Select label="Default model" value={fields.defaultModel} onChange={(v) => set('defaultModel', v)} error={errors.defaultModel} options={modelOptions} />
              <Select label="Voice" value={fields.voice ?? ''} onChange={(v) => set('voice', v || null)} options={[{ value: '', label: 'Provider default' }, ...VOICE_STYLES.map((v) => ({ value: v, label: v.charAt(0).toUpperCase() + v.slice(1) }))]} hint="How the companion sounds in calls, with any speech provider." />
              <fieldset className="sm:col-span-2">
                <legend className="mb-1 text-sm font-medium">Voices per language</legend>
                <p id="voices-hint" className="mb-2 text-xs text-ink-faint">
                  Optional, for calls: a style ({VOICE_STYLES.join(', ')}) or the speech provider&apos;s own voice (e.g. nova for OpenAI, Kore for Gemini, an ElevenLabs voice id). Empty uses the voice above.
                </p>
                <datalist id="voice-styles">
                  {VOICE_STYLES.map((style) => <option key={style} value={style} />)}
                </datalist>
                <div className="grid gap-3 sm:grid-cols-3">
                  {LANGUAGES.filter((language) => fields.languages.includes(language) || fields.voices[language]).map((language) => (
                    <TextInput
                      key={language}
                      label={`Voice in ${LANGUAGE_LABELS[language]}`}
                      value={fields.voices[language] ?? ''}
                      placeholder={fields.voice ?? 'Provider default'}
                      list="voice-styles"
                      maxLength={100}
                      aria-describedby="voices-hint"
                      aria-invalid={Boolean(errors.voices)}
                      onChange={(v) => set('voices', withVoice(fields.voices, language, v))}
                    />
                  ))}
                </div>
                {errors.voices && <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{errors.voices}</p>}
              </fieldset>
              <fieldset className="sm:col-span-2">
                <legend className="mb-1 text-sm font-medium">Fallback models, in order</legend>
                <div className="flex flex-wrap gap-2">
                  {models.filter((m) => m.id !== fields.defaultModel).map((m) => {
                    const at = fields.fallbackModels.indexOf(m.id);
                    return (
                      <label key={m.id} className={`cursor-pointer rounded-full border px-3 py-1 text-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ember-500 ${at >= 0 ? 'border-ember-400 bg-ember-50 text-ember-900 dark:bg-ember-950 dark:text-ember-100' : 'border-line text-ink-soft'}`}>
                        <input type="checkbox" className="sr-only" checked={at >= 0} onChange={() => set('fallbackModels', toggleIn(fields.fallbackModels, m.id))} />
                        {at >= 0 && <span className="mr-1 font-semibold">{at + 1}.</span>}
                        {m.name}
                      </label>
                    );
                  })}
                </div>
                {errors.fallbackModels && <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{errors.fallbackModels}</p>}
              </fieldset>
              <div>
                <label htmlFor="temperature" className="mb-1 block text-sm font-medium">Temperature <span className="font-normal text-ink-faint">{fields.temperature.toFixed(2)}</span></label>
                <input id="temperature" type="range" min={0} max={2} step={0.05} value={fields.temperature} onChange={(e) => set('temperature', Number(e.target.value))} className="w-full accent-ember-600" />
                {errors.temperature && <p role="alert" className="text-xs text-red-600 dark:text-red-400">{errors.temperature}</p>}
              </div>
              <TextInput
                label="Max output tokens"
                inputMode="numeric"
                value={fields.maxOutputTokens === null ? '' : String(fields.maxOutputTokens)}
                onChange={(v) => set('maxOutputTokens', v.trim() === '' ? null : Number(v))}
                error={errors.maxOutputTokens}
                hint="Empty: the model's own limit."
              />
              <div>
                <label htmlFor="accent" className="mb-1 block text-sm font-medium">Accent colour</label>
                <div className="flex items-center gap-2">
                  <input id="accent" type="color" value={fields.accentColor} onChange={(e) => set('accentColor', e.target.value.toLowerCase())} className="h-9 w-12 rounded-lg border border-line bg-raised" />
                  <span className="font-mono text-xs text-ink-faint">{fields.accentColor}</span>
                </div>
              </div>
              <div className="space-y-3 sm:col-span-2">
                <Toggle label="NSFW" checked={fields.nsfw} onChange={(v) => set('nsfw', v)} hint="Mature content: answered only by the providers in NSFW_PROVIDERS." />
                <Toggle label="Published" checked={published} onChange={(v) => set('visibility', v ? 'published' : 'draft')} hint="Published personas appear in everyone's picker after saving." />
              </div>
            </div>
          </Section>

          <Section title="Card details" description="Character Card fields, kept on import and written on export.">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextInput label="Creator" value={fields.creator} onChange={(v) => set('creator', v)} error={errors.creator} />
              <TextInput label="Character version" value={fields.characterVersion} onChange={(v) => set('characterVersion', v)} error={errors.characterVersion} />
            </div>
            <TextArea label="Creator notes" value={fields.creatorNotes} onChange={(v) => set('creatorNotes', v)} error={errors.creatorNotes} rows={2} />
            {Object.keys(fields.cardExtra).length > 0 && (
              <p className="text-xs text-ink-faint">Also kept from the imported card: {Object.keys(fields.cardExtra).join(', ')}.</p>
            )}
          </Section>

          {persona && (
            <Section title="Versions">
              <VersionHistory personaId={persona.id} versions={versions} onRestore={(v) => void restore(v)} busy={busy} />
            </Section>
          )}

          {persona && (
            <Section title="Share and manage">
              <div className="flex flex-wrap gap-2">
                {(['v3', 'v2'] as const).flatMap((spec) =>
                  (['png', 'json'] as const).map((format) => (
                    <a key={spec + format} className={`${buttonStyles.secondary} !py-1.5`} href={`/api/admin/personas/${persona.id}/export?spec=${spec}&format=${format}`} download>
                      Export {spec.toUpperCase()} {format.toUpperCase()}
                    </a>
                  )),
                )}
              </div>
              <div className="flex flex-wrap gap-2">
                <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={() => void action({ action: 'duplicate' }, 'Duplicated.')}>Duplicate</button>
                {persona.archivedAt ? (
                  <button type="button" className={buttonStyles.secondary} disabled={busy} onClick={() => void action({ action: 'restore' }, 'Restored from the archive.')}>Restore from archive</button>
                ) : (
                  <button type="button" className={buttonStyles.danger} disabled={busy} onClick={() => window.confirm(`Archive ${fields.name}? It leaves the picker; existing chats keep working.`) && void action({ action: 'archive' }, 'Archived.')}>Archive</button>
                )}
              </div>
            </Section>
          )}
        </form>

        <aside id="studio-preview" className={`${showPreview ? 'block' : 'hidden'} lg:block`}>
          <div className="lg:sticky lg:top-24 lg:h-[calc(100dvh-8rem)]">
            <PreviewPanel fields={fields} />
          </div>
        </aside>
      </div>
    </div>
  );
}

/** The voices with one language's voice set, or removed when the input is emptied. */
function withVoice(voices: PersonaFields['voices'], language: Language, value: string): PersonaFields['voices'] {
  const rest = Object.fromEntries(Object.entries(voices).filter(([key]) => key !== language));
  return value.trim() ? { ...rest, [language]: value } : rest;
}
