import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isHearthError } from '@/lib/errors';
import { apiKeyName } from '@/lib/api-keys/schemas';
import { typedText } from '@/lib/calls/schemas';
import { credentials, signUp } from '@/lib/auth/schemas';
import { chatRequest, messageText } from '@/lib/chat/schemas';
import { conversationTitle } from '@/lib/conversations/schemas';
import { ratingOrClear } from '@/lib/conversations/rating-schemas';
import { companionRef, language, modelId, uuid } from './ids';
import { completionRequest } from '@/lib/chat/completion-schemas';
import { memoryContent } from '@/lib/memory/schemas';
import { pageCursor } from './pagination';
import { parseWith } from './parse';
import { personaFields, previewRequest } from '@/lib/personas/schemas';
import { searchQuery } from './search';
import { storableJsonObject } from './text';
import { createUploadTargetRequest } from '@/lib/uploads/schemas';

/**
 * The schemas server actions (and the web chat's route) parse their input with: whatever the
 * browser sends, parsing either succeeds or refuses with a 400 that names the problem, never
 * another error, and what it accepts is the type the action expects.
 */
const SCHEMAS = {
  apiKeyName,
  chatRequest,
  conversationTitle,
  credentials,
  language,
  messageText,
  modelId,
  ratingOrClear,
  signUp,
  uuid,
  memoryContent,
};

// Every C0 and C1 control character and DEL, U+0000 first: PostgreSQL refuses it in text and jsonb.
const controlCharacter = fc.oneof(
  fc.constant('\u0000'),
  fc
    .integer({ min: 0, max: 0x9f })
    .filter((c) => c < 0x20 || c >= 0x7f)
    .map((c) => String.fromCharCode(c)),
);
const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

const anything = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constant('x'.repeat(100_000)),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"admin": true}}'),
    JSON.parse('{"constructor": {"prototype": {"x": 1}}}'),
    undefined,
    NaN,
    Infinity,
  ),
  fc.record({
    action: fc.constantFrom('send', 'edit', 'regenerate', 'answer', 'x'),
    conversationId: fc.oneof(fc.uuid(), fc.string()),
    text: fc.string({ unit: 'binary' }),
  }),
  fc.tuple(fc.string({ maxLength: 10 }), controlCharacter, fc.string({ maxLength: 10 })).map((parts) => parts.join('')),
  fc.constantFrom(nested(10_000), { text: nested(10_000) }, 'a\ud800b'),
);

function acceptsOrRefusesWith400(schema: z.ZodType, value: unknown): void {
  try {
    const parsed = parseWith(schema, value);
    expect(schema.safeParse(parsed).success || typeof parsed === 'string').toBe(true);
  } catch (error) {
    expect(isHearthError(error) && error.code === 'bad_request', String(error)).toBe(true);
    expect((error as Error).message.length).toBeGreaterThan(0);
  }
}

describe('server action input under random and malformed values', () => {
  it.each(Object.entries(SCHEMAS))('%s accepts or refuses with a 400, nothing else', (name, schema) => {
    fc.assert(
      fc.property(anything, (value) => acceptsOrRefusesWith400(schema, value)),
      { numRuns: 300, seed: 20261202 },
    );
  });
});

/**
 * Every text field the API, the server actions and the admin take, with a value it accepts: the
 * same value with a control character (or a lone surrogate) anywhere in it is refused with a 400
 * naming the field. Multi-line fields keep tabs and line breaks.
 */
const TEXT_FIELDS: { name: string; field: z.ZodType; valid: string; multiline: boolean }[] = [
  { name: 'a message', field: messageText, valid: 'Hello there', multiline: true },
  { name: 'a title', field: conversationTitle, valid: 'Trip to Ghent', multiline: false },
  { name: 'an API key name', field: apiKeyName, valid: 'Laptop script', multiline: false },
  { name: 'a sign-up name', field: signUp.shape.name, valid: 'Ada', multiline: false },
  { name: 'a model id', field: modelId, valid: 'google/gemini-2.5-flash', multiline: false },
  { name: 'a companion', field: companionRef, valid: 'marcus', multiline: false },
  { name: 'a memory', field: memoryContent, valid: 'Lives in Utrecht.', multiline: true },
  { name: 'a cursor', field: pageCursor, valid: 'MjAyNi0x', multiline: false },
  { name: 'a search (admin filter)', field: searchQuery, valid: 'ada', multiline: false },
  { name: 'an upload filename', field: createUploadTargetRequest.shape.filename, valid: 'cat.png', multiline: false },
  { name: "a call's typed text", field: typedText.shape.text, valid: 'Are you there?', multiline: true },
  { name: 'a persona name', field: personaFields.shape.name, valid: 'Lucía', multiline: false },
  { name: 'a persona slug', field: personaFields.shape.slug, valid: 'lucia', multiline: false },
  { name: 'a persona description', field: personaFields.shape.description, valid: 'A night owl.', multiline: true },
  { name: 'a persona tag', field: personaFields.shape.specialties.element, valid: 'travel', multiline: false },
  { name: 'a persona voice', field: personaFields.shape.voice, valid: 'warm', multiline: false },
];

describe('control characters in text fields', () => {
  it.each(TEXT_FIELDS)(
    '$name refuses them with a 400 (keeping tabs and line breaks where it is multi-line)',
    ({ field, valid, multiline }) => {
      expect(field.safeParse(valid).success).toBe(true);
      fc.assert(
        fc.property(controlCharacter, fc.nat(valid.length), (control, at) => {
          const value = valid.slice(0, at) + control + valid.slice(at);
          const keeps = multiline && /[\t\n\r]/.test(control);
          const parsed = field.safeParse(value);
          expect(parsed.success, JSON.stringify(value)).toBe(keeps);
          if (!parsed.success) expect(parsed.error.issues[0]?.message).toMatch(/control character|single line/);
        }),
        { numRuns: 60, seed: 20261207 },
      );
      expect(field.safeParse(`${valid}\ud800`).success).toBe(false);
    },
  );

  it('refuses them inside the bodies that carry them, naming the field', () => {
    const refusal = (schema: z.ZodType, value: unknown) => {
      try {
        parseWith(schema, value);
      } catch (error) {
        return isHearthError(error) ? { status: error.status, param: error.param } : { error };
      }
      return 'accepted';
    };
    expect(
      refusal(completionRequest, { model: 'companion/sage', messages: [{ role: 'user', content: 'hi\u0000' }] }),
    ).toEqual({ status: 400, param: 'messages.0.content' });
    expect(
      refusal(completionRequest, {
        model: 'companion/sage',
        messages: [{ role: 'user', content: [{ type: 'text', text: '\u0007' }] }],
      }),
    ).toEqual({ status: 400, param: 'messages.0.content' });
    expect(refusal(signUp, { email: 'ada@example.com', password: 'correct horse battery', name: 'A\u0000da' })).toEqual(
      { status: 400, param: 'name' },
    );
    expect(refusal(previewRequest.shape.messages, [{ role: 'user', content: 'x\u001b[2J' }])).toEqual({
      status: 400,
      param: '0.content',
    });
  });
});

describe('free-form JSON kept as jsonb (card extras)', () => {
  const extras = storableJsonObject('Card extras');

  it('refuses nesting past 64 levels, U+0000 and lone surrogates in keys or strings, without overflowing', () => {
    expect(extras.safeParse({ deep: nested(63) }).success).toBe(true);
    expect(extras.safeParse({ deep: nested(64) }).success).toBe(false);
    expect(extras.safeParse({ deep: nested(200_000) }).success).toBe(false);
    expect(extras.safeParse({ book: { entries: [{ content: 'a\u0000b' }] } }).success).toBe(false);
    expect(extras.safeParse({ ['k\u0000']: 1 }).success).toBe(false);
    expect(extras.safeParse({ k: '\udc00' }).success).toBe(false);
    expect(extras.safeParse({ book: { entries: [{ content: 'line\nbreak\tand tab' }] } }).success).toBe(true);
  });

  it('accepts only what JSON.stringify can write and PostgreSQL can store', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 6 })), (value) => {
        const parsed = extras.safeParse(value);
        if (parsed.success) expect(JSON.stringify(parsed.data)).not.toMatch(/\\u0000/);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
