import { describe, expect, it } from 'vitest';
import { prependOlder, withBranchPage, withNewestPage } from './message-window';
import type { ChatUIMessage } from './ui-messages';

const m = (id: string, text = id): ChatUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const ids = (messages: ChatUIMessage[] | null) => messages?.map((x) => x.id) ?? null;

describe('the chat window of messages', () => {
  it('puts an older page in front, without showing a message twice', () => {
    expect(ids(prependOlder([m('c'), m('d')], [m('a'), m('b'), m('c')]))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the older pages loaded in front of the newest page read again, with its final text', () => {
    const shown = [m('a'), m('b'), m('c'), m('d', 'half a repl')];
    const merged = withNewestPage(shown, [m('c'), m('d', 'half a reply, finished'), m('e')]);
    expect(ids(merged)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(merged![3]!.parts).toEqual([{ type: 'text', text: 'half a reply, finished' }]);
  });

  it('answers null when something shown at the end was never saved', () => {
    expect(withNewestPage([m('a'), m('b'), m('unsent')], [m('a'), m('b')])).toBeNull();
  });

  it('takes the page when it holds everything shown, and says so when it reaches back to nothing shown', () => {
    expect(ids(withNewestPage([m('b')], [m('a'), m('b')]))).toEqual(['a', 'b']);
    expect(withNewestPage([m('a'), m('b')], [m('x'), m('y')])).toBeNull();
    expect(withNewestPage([], [])).toEqual([]);
  });

  it('swaps in another branch from where its page starts, keeping the messages both branches share', () => {
    const shown = [m('a'), m('b'), m('c'), m('d')];
    expect(ids(withBranchPage(shown, [m('b'), m('c2'), m('d2')]))).toEqual(['a', 'b', 'c2', 'd2']);
    expect(withBranchPage(shown, [m('x'), m('y')])).toBeNull();
  });
});
