import { describe, expect, it } from 'vitest';
import { adoptStoredIds } from './stored-ids';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';

const message = (id: string, role: 'user' | 'assistant', metadata: ChatUIMessage['metadata'] = {}): ChatUIMessage => ({
  id,
  role,
  parts: [{ type: 'text', text: id }],
  metadata,
});

describe('adoptStoredIds', () => {
  it("gives the user message the id the reply's metadata says it was stored under", () => {
    const shown = [
      message('greeting', 'assistant'),
      message('browser-id', 'user'),
      message('reply', 'assistant', { userMessageId: 'stored-id' }),
    ];
    expect(adoptStoredIds(shown)?.map((m) => m.id)).toEqual(['greeting', 'stored-id', 'reply']);
  });

  it('changes nothing when the ids agree, or a reply names no message (a regeneration)', () => {
    expect(adoptStoredIds([message('u', 'user'), message('r', 'assistant', { userMessageId: 'u' })])).toBeNull();
    expect(adoptStoredIds([message('u', 'user'), message('r', 'assistant', { userMessageId: null })])).toBeNull();
    expect(adoptStoredIds([message('u', 'user'), message('r', 'assistant')])).toBeNull();
  });

  it('never makes two messages share an id', () => {
    const shown = [
      message('stored', 'user'),
      message('r1', 'assistant'),
      message('again', 'user'),
      message('r2', 'assistant', { userMessageId: 'stored' }),
    ];
    expect(adoptStoredIds(shown)).toBeNull();
  });
});
