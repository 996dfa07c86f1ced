import { describe, expect, it } from 'vitest';
import { codeReply } from './code-sample';

describe("the offline model's code sample", () => {
  it('answers a request for code with a fenced Python block, in the conversation language', () => {
    const reply = codeReply('Can you show me some Python code?', 'es-ES', 'Ada')!;
    expect(reply).toMatch(/^Aquí tienes un pequeño ejemplo al estilo de Ada/);
    expect(reply).toContain('```python\ndef greet(name: str) -> str:\n');
    expect(reply.trimEnd().endsWith('```')).toBe(true);
  });

  it('stays out of ordinary conversation', () => {
    expect(codeReply('I had a lovely walk by the sea today', 'en-US', 'Ada')).toBeNull();
    expect(codeReply('My code of conduct', 'en-US', 'Ada')).not.toBeNull(); // broad on purpose: a demo
  });
});
