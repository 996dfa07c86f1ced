import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '@/lib/conversations/messages';
import { SNAPSHOT_MAX_MESSAGES, snapshotOf } from './snapshot';

const message = (text: string, role: 'user' | 'assistant' = 'user'): StoredMessage => ({
  id: crypto.randomUUID(),
  role,
  parts: [{ type: 'text', text }],
  status: 'complete',
  source: 'text',
  error: null,
  model: null,
  inputTokens: null,
  outputTokens: null,
  ttftMs: null,
  latencyMs: null,
  costUsd: null,
  usageEstimated: false,
  fallbacks: null,
  rating: null,
  createdAt: new Date(),
  parentId: null,
  alternatives: [],
});

describe('a snapshot of a very long conversation', () => {
  it('keeps the newest messages and counts the ones it left out', () => {
    const messages = Array.from({ length: SNAPSHOT_MAX_MESSAGES + 3 }, (_, i) => message(`m${i}`));
    const snapshot = snapshotOf(messages);
    expect(snapshot.omitted).toBe(3);
    expect(snapshot.messages).toHaveLength(SNAPSHOT_MAX_MESSAGES);
    expect(snapshot.messages[0]!.text).toBe('m3');
    expect(snapshot.messages.at(-1)!.text).toBe(`m${SNAPSHOT_MAX_MESSAGES + 2}`);
  });

  it('keeps only who said it and the text', () => {
    expect(snapshotOf([message('  hi  ', 'assistant')])).toEqual({
      messages: [{ role: 'assistant', text: 'hi' }],
      omitted: 0,
    });
  });
});
