import { describe, expect, it } from 'vitest';
import { memorySection } from '@/lib/memory/prompt';
import { recallReply, secondPerson } from './recall';

describe('the offline model answering from its notes', () => {
  it('turns notes to the listener', () => {
    expect(secondPerson('Their name is Maya.')).toBe('your name is Maya.');
    expect(secondPerson('Lives in Utrecht.')).toBe('you live in Utrecht.');
    expect(secondPerson('Is 34 years old.')).toBe('you are 34 years old.');
    expect(secondPerson('Training for a half marathon in April.')).toBe(
      "you're training for a half marathon in April.",
    );
    expect(secondPerson('Has a dog named Biscuit.')).toBe('you have a dog named Biscuit.');
  });

  it('answers a question that shares words with a note, and nothing else', () => {
    const system = `Persona.\n\n${memorySection([
      { kind: 'fact', content: 'Lives in Utrecht.', eventDate: null },
      { kind: 'relationship', content: 'Their sister is called Lotte.', eventDate: null },
    ])}`;
    expect(recallReply('Where do I live?', system, 'en-US', 'Marcus')).toBe(
      'Of course I remember! You live in Utrecht. Tell me, how is that going?',
    );
    expect(recallReply("What's my sister called?", system, 'en-US', 'Marcus')).toContain(
      'Your sister is called Lotte.',
    );
    expect(recallReply('Can you help me with squats?', system, 'en-US', 'Marcus')).toBeNull();
    expect(recallReply('Where do I live?', 'Persona without notes.', 'en-US', 'Marcus')).toBeNull();
  });
});
