import { describe, expect, it } from 'vitest';
import { chatRequest } from './schemas';
import { MAX_MESSAGE_CHARS } from '@/lib/validation/limits';

const conversationId = '7d5e2c8a-4f0b-4a7e-9d61-3b2a1c0e9f88';

describe('chat request validation', () => {
  it('accepts a message and trims it', () => {
    const parsed = chatRequest.parse({ action: 'send', conversationId, text: '  hi  ' });
    expect(parsed).toEqual({ action: 'send', conversationId, text: 'hi' });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   \n '],
    ['too long', 'x'.repeat(MAX_MESSAGE_CHARS + 1)],
  ])('refuses a message that is %s', (_name, text) => {
    expect(chatRequest.safeParse({ action: 'send', conversationId, text }).success).toBe(false);
  });

  it('accepts exactly the maximum length', () => {
    expect(chatRequest.safeParse({ action: 'send', conversationId, text: 'x'.repeat(MAX_MESSAGE_CHARS) }).success).toBe(
      true,
    );
  });

  it('refuses malformed ids and unknown actions', () => {
    expect(chatRequest.safeParse({ action: 'send', conversationId: 'nope', text: 'hi' }).success).toBe(false);
    expect(chatRequest.safeParse({ action: 'delete', conversationId }).success).toBe(false);
  });
});
