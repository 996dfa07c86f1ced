import { describe, expect, it } from 'vitest';
import { extractByRules } from './rules';
import { memoryAsNote, memoryForPerson } from './wording';

describe('memories as the person reads them', () => {
  it('speaks to the person, not about them (review D15: "Their name is Sam")', () => {
    expect(memoryForPerson('Their name is Sam.', 'Lucía')).toBe('Your name is Sam.');
    expect(memoryForPerson('Lives in Porto.', 'Lucía')).toBe('You live in Porto.');
    expect(memoryForPerson('Works as a nurse.', 'Lucía')).toBe('You work as a nurse.');
    expect(memoryForPerson('Loves hiking.', 'Lucía')).toBe('You love hiking.');
    expect(memoryForPerson('Is 34 years old.', 'Lucía')).toBe('You are 34 years old.');
    expect(memoryForPerson("Doesn't like olives.", 'Lucía')).toBe("You don't like olives.");
    expect(memoryForPerson('Their sister is called Ana.', 'Lucía')).toBe('Your sister is called Ana.');
    expect(memoryForPerson('Asked you to remember: “the blue door”', 'Lucía')).toBe(
      'You asked Lucía to remember: “the blue door”',
    );
  });

  it('reads every note the rule extractor writes in the second person', () => {
    const said = [
      'My name is Sam and I live in Lisbon.',
      'I work as a nurse, I love hiking.',
      'I am 34 years old. I am vegan.',
      'My sister Ana is getting married in June.',
      'I have a dog called Biscuit. I am learning Portuguese.',
    ];
    for (const text of said)
      for (const draft of extractByRules(text, new Date('2026-12-06T12:00:00Z')).drafts)
        expect(memoryForPerson(draft.content, 'Lucía'), draft.content).toMatch(/^(?:You|Your) /);
  });

  it('turns what the person writes back into a note for the companion', () => {
    expect(memoryAsNote('Your name is Samuel.')).toBe('Their name is Samuel.');
    expect(memoryAsNote('You live in Porto.')).toBe('Lives in Porto.');
    expect(memoryAsNote('You work as a nurse.')).toBe('Works as a nurse.');
    expect(memoryAsNote("You're training for a marathon in April.")).toBe('Training for a marathon in April.');
    expect(memoryAsNote('You are vegan.')).toBe('Is vegan.');
    expect(memoryAsNote('You have a dog named Biscuit.')).toBe('Has a dog named Biscuit.');
    expect(memoryAsNote('You asked Lucía to remember: “the blue door”')).toBe('Asked you to remember: “the blue door”');
    expect(memoryAsNote('Prefers tea to coffee.')).toBe('Prefers tea to coffee.');
  });

  it('round-trips: a note shown to the person and saved unchanged is the same note', () => {
    for (const note of ['Their name is Sam.', 'Lives in Porto.', 'Is vegan.', 'Has a cat named Miso.', 'Loves hiking.'])
      expect(memoryAsNote(memoryForPerson(note, 'Ada'))).toBe(note);
  });
});
