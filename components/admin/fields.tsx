'use client';

import { useId, useState } from 'react';
import { CloseIcon } from '@/components/ui/icons';

// The studio's form controls: a label, the control, then a hint or the inline error.

const control =
  'w-full rounded-xl border border-field-line bg-raised px-3 py-2 text-sm outline-none placeholder:text-ink-faint focus:border-ember-400 aria-invalid:border-red-400';

type Common = { label: string; error?: string; hint?: React.ReactNode; className?: string };

function Described({ id, error, hint }: { id: string; error?: string; hint?: React.ReactNode }) {
  if (error)
    return (
      <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
        {error}
      </p>
    );
  if (hint)
    return (
      <p id={`${id}-hint`} className="mt-1 text-xs text-ink-faint">
        {hint}
      </p>
    );
  return null;
}

const describedBy = (id: string, error?: string, hint?: React.ReactNode) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function TextInput({
  label,
  error,
  hint,
  className = '',
  value,
  onChange,
  ...rest
}: Common & { value: string; onChange: (value: string) => void } & Omit<
    React.InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onChange'
  >) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className={control}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextArea({
  label,
  error,
  hint,
  className = '',
  value,
  onChange,
  rows = 4,
  ...rest
}: Common & { value: string; onChange: (value: string) => void; rows?: number } & Omit<
    React.TextareaHTMLAttributes<HTMLTextAreaElement>,
    'value' | 'onChange'
  >) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        className={`${control} resize-y leading-relaxed`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export function Select({
  label,
  error,
  hint,
  className = '',
  value,
  onChange,
  options,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string; disabled?: boolean }[];
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={control}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

/** A list of short texts as removable chips, added with Enter or a comma. */
export function TagInput({
  label,
  error,
  hint,
  className = '',
  values,
  onChange,
  placeholder,
}: Common & { values: string[]; onChange: (values: string[]) => void; placeholder?: string }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.trim().replace(/,$/, '');
    if (tag && !values.includes(tag)) onChange([...values, tag]);
    setDraft('');
  };
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <div
        className={`${control} flex flex-wrap items-center gap-1.5 focus-within:border-ember-400`}
        aria-invalid={Boolean(error)}
      >
        {values.map((tag) => (
          <span key={tag} className="inline-flex items-center gap-1 rounded-full bg-sunken px-2.5 py-0.5 text-xs">
            {tag}
            <button
              type="button"
              className="rounded-full text-ink-faint hover:text-ink"
              aria-label={`Remove ${tag}`}
              onClick={() => onChange(values.filter((v) => v !== tag))}
            >
              <CloseIcon className="size-3.5" />
            </button>
          </span>
        ))}
        <input
          id={id}
          value={draft}
          placeholder={values.length ? '' : placeholder}
          aria-describedby={describedBy(id, error, hint)}
          className="min-w-24 flex-1 bg-transparent py-0.5 outline-none placeholder:text-ink-faint"
          onChange={(e) =>
            e.target.value.endsWith(',') ? (setDraft(e.target.value), setTimeout(add)) : setDraft(e.target.value)
          }
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && !draft && values.length) onChange(values.slice(0, -1));
          }}
          onBlur={add}
        />
      </div>
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export function Toggle({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 size-4 accent-ember-600"
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-ink-faint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

export function Section({
  title,
  children,
  description,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <section className="rounded-2xl border border-line bg-raised p-4 sm:p-5">
      <h2 className="text-base font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-xs text-ink-faint">{description}</p>}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}
