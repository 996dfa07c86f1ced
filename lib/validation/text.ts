import { z } from 'zod';

/**
 * The one check every text field takes: no control characters and no lone surrogates. PostgreSQL
 * refuses U+0000 in text and jsonb (a 500 before this existed), and jsonb refuses a lone surrogate;
 * the other control characters are invisible in every view and have no business in a title.
 * Line breaks and tabs pass only where the text is multi-line (a message, a description).
 */

// C0 controls, DEL and the C1 controls, without and with \t \n \r.
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string, { multiline = false }: { multiline?: boolean } = {}): string | null {
  const control = (multiline ? CONTROL_IN_TEXT : CONTROL_IN_LINE).exec(value)?.[0];
  if (control !== undefined) {
    const code = `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return multiline || !/[\t\n\r]/.test(control)
      ? `contains a control character (${code}); remove it and try again.`
      : 'must be a single line (no line breaks or tabs).';
  }
  if (!value.isWellFormed()) return 'contains a broken character (a lone UTF-16 surrogate).';
  return null;
}

export type TextOptions = {
  /** Line breaks and tabs belong to the text (messages, descriptions); one-line fields refuse them. */
  multiline?: boolean;
  /** The field as a sentence begins, for the message: "The title" gives "The title contains ...". */
  label?: string;
  /** The message when the value is not a string at all. */
  error?: string;
};

/**
 * A string field that refuses control characters with a 400 naming the field. Chain the field's
 * own rules after it: `text({ label: 'The title' }).trim().min(1).max(200)`.
 */
export function text({ multiline = false, label = 'This field', error }: TextOptions = {}) {
  return z.string(error === undefined ? undefined : { error }).check((ctx) => {
    const problem = textProblem(ctx.value, { multiline });
    if (problem) ctx.issues.push({ code: 'custom', message: `${label} ${problem}`, input: ctx.value });
  });
}

/** How deep JSON may nest where Hearth keeps it as given (a card's extensions): far beyond any real card. */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a JSON value cannot be kept as jsonb, or null: nesting deeper than `maxDepth` (which would
 * overflow the stack of whatever serialises it next), or a key or string with U+0000 or a lone
 * surrogate (PostgreSQL refuses both; `strings: false` checks the depth only). Walks without
 * recursion, so the depth itself cannot overflow it.
 */
export function jsonProblem(
  value: unknown,
  { maxDepth = MAX_JSON_DEPTH, strings = true }: { maxDepth?: number; strings?: boolean } = {},
): string | null {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      if (!strings) continue;
      if (item.includes('\u0000') || !item.isWellFormed())
        return 'contains a U+0000 character or a broken one, which cannot be stored.';
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= maxDepth) return `nests deeper than ${maxDepth} levels.`;
    for (const [key, child] of Object.entries(item)) {
      if (strings && !Array.isArray(item)) pending.push([key, depth]);
      pending.push([child, depth + 1]);
    }
  }
  return null;
}

/** A free-form JSON object kept as given (card extras), refused when the database could not store it. */
export function storableJsonObject(label: string) {
  return z.record(z.string(), z.unknown()).check((ctx) => {
    const problem = jsonProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: `${label} ${problem}`, input: ctx.value });
  });
}
