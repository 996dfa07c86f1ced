import { describe, expect, it } from 'vitest';
import { greetingFor } from './greeting';

const lucia = {
  name: 'Lucía',
  greeting: "Hi, I'm Lucía! Which language shall we practise today?",
  languages: ['en-US', 'es-ES', 'fr-FR'] as const,
};

describe("a conversation's greeting", () => {
  it("is the persona's own in its first language", () => {
    expect(greetingFor({ ...lucia, languages: [...lucia.languages] }, 'en-US')).toBe(lucia.greeting);
  });

  it('is in the chosen language when the conversation starts in another one (review D16)', () => {
    expect(greetingFor({ ...lucia, languages: [...lucia.languages] }, 'es-ES')).toBe(
      '¡Hola, soy Lucía! Me alegra mucho conocerte. ¿De qué te apetece hablar hoy?',
    );
    expect(greetingFor({ ...lucia, languages: [...lucia.languages] }, 'fr-FR')).toMatch(/^Bonjour, je suis Lucía/);
  });

  it('stays empty for a persona without one', () => {
    expect(greetingFor({ ...lucia, greeting: '', languages: [...lucia.languages] }, 'es-ES')).toBe('');
  });
});
