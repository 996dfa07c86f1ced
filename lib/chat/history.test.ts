import { describe, expect, it } from 'vitest';
import { historyForModel, titleFrom } from './history';

const message = (role: 'user' | 'assistant', text: string) => ({ role, text });

describe('historyForModel', () => {
  it('keeps everything that fits, in order', () => {
    const history = [message('assistant', 'hi'), message('user', 'hello'), message('assistant', 'how are you')];
    expect(historyForModel(history, 1000)).toEqual([
      { role: 'assistant', content: 'hi' },
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'how are you' },
    ]);
  });

  it('drops the oldest turns first when the budget runs out', () => {
    const history = [
      message('user', 'a'.repeat(400)),
      message('assistant', 'b'.repeat(400)),
      message('user', 'latest'),
    ];
    const kept = historyForModel(history, 120);
    expect(kept.map((m) => (m.content as string)[0])).toEqual(['b', 'l']);
  });

  it('always keeps the newest message, even over budget', () => {
    expect(historyForModel([message('user', 'x'.repeat(10_000))], 10)).toHaveLength(1);
  });

  it('leaves out replies that failed before saying anything', () => {
    expect(historyForModel([message('user', 'hi'), message('assistant', '')], 100)).toEqual([
      { role: 'user', content: 'hi' },
    ]);
  });
});

describe('titleFrom', () => {
  it('uses a short first message as it is, on one line', () => {
    expect(titleFrom('  Hello\nthere  ')).toBe('Hello there');
  });
  it('shortens a long one with an ellipsis', () => {
    const title = titleFrom('word '.repeat(40));
    expect(title.length).toBeLessThanOrEqual(58);
    expect(title.endsWith('…')).toBe(true);
  });
});
