import { describe, expect, it } from 'vitest';
import { placeReply } from './stored-ids';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';

const message = (id: string, role: 'user' | 'assistant', metadata: ChatUIMessage['metadata'] = {}): ChatUIMessage => ({
  id,
  role,
  parts: [{ type: 'text', text: id }],
  metadata,
});
const ids = (messages: ChatUIMessage[]) => messages.map((m) => m.id);

describe('placeReply', () => {
  it('adds a new reply after the rest, and replaces one already shown in place', () => {
    const shown = [message('u', 'user'), message('r', 'assistant')];
    const grown = { ...message('r', 'assistant'), parts: [{ type: 'text' as const, text: 'more' }] };
    expect(placeReply(shown, grown)).toEqual([shown[0], grown]);
    expect(ids(placeReply(shown, message('r2', 'assistant')))).toEqual(['u', 'r', 'r2']);
  });

  it("gives the user message the id the reply's metadata says it was stored under", () => {
    const shown = [message('greeting', 'assistant'), message('browser-id', 'user')];
    const reply = message('reply', 'assistant', { userMessageId: 'stored-id' });
    expect(ids(placeReply(shown, reply))).toEqual(['greeting', 'stored-id', 'reply']);
    // Still so as the reply grows: the adopted id is kept, and the reply's text is the newest.
    const grown = { ...reply, parts: [{ type: 'text' as const, text: 'the whole reply' }] };
    const again = placeReply(placeReply(shown, reply), grown);
    expect(ids(again)).toEqual(['greeting', 'stored-id', 'reply']);
    expect(again[2]).toBe(grown);
  });

  it('changes no id when the ids agree, or a reply names no message (a regeneration)', () => {
    expect(ids(placeReply([message('u', 'user')], message('r', 'assistant', { userMessageId: 'u' })))).toEqual([
      'u',
      'r',
    ]);
    expect(ids(placeReply([message('u', 'user')], message('r', 'assistant', { userMessageId: null })))).toEqual([
      'u',
      'r',
    ]);
    expect(ids(placeReply([message('u', 'user')], message('r', 'assistant')))).toEqual(['u', 'r']);
  });

  it('never makes two messages share an id', () => {
    const shown = [message('stored', 'user'), message('r1', 'assistant'), message('again', 'user')];
    expect(ids(placeReply(shown, message('r2', 'assistant', { userMessageId: 'stored' })))).toEqual([
      'stored',
      'r1',
      'again',
      'r2',
    ]);
  });
});
