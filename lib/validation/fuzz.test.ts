import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHearthError } from '@/lib/errors';
import { apiKeyName } from './api-keys';
import { chatRequest, conversationTitle, credentials, language, messageText, modelId, signUp, uuid } from './chat';
import { memoryContent } from './memory';
import { parseWith } from './parse';

/**
 * The schemas server actions (and the web chat's route) parse their input with: whatever the
 * browser sends, parsing either succeeds or refuses with a 400 that names the problem, never
 * another error, and what it accepts is the type the action expects.
 */
const SCHEMAS = { apiKeyName, chatRequest, conversationTitle, credentials, language, messageText, modelId, signUp, uuid, memoryContent };

const anything = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constant('x'.repeat(100_000)),
  fc.constantFrom(JSON.parse('{"__proto__": {"admin": true}}'), JSON.parse('{"constructor": {"prototype": {"x": 1}}}'), undefined, NaN, Infinity),
  fc.record({ action: fc.constantFrom('send', 'edit', 'regenerate', 'answer', 'x'), conversationId: fc.oneof(fc.uuid(), fc.string()), text: fc.string({ unit: 'binary' }) }),
);

describe('server action input under random and malformed values', () => {
  it.each(Object.entries(SCHEMAS))('%s accepts or refuses with a 400, nothing else', (name, schema) => {
    fc.assert(
      fc.property(anything, (value) => {
        try {
          const parsed = parseWith(schema, value);
          expect(schema.safeParse(parsed).success || typeof parsed === 'string').toBe(true);
        } catch (error) {
          expect(isHearthError(error) && error.code === 'bad_request', String(error)).toBe(true);
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
