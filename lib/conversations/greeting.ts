import type { Language } from '@/lib/languages';

/**
 * A conversation's first message. A persona has one greeting, written (by convention, and in every
 * seeded and imported persona seen so far) in its first language. A conversation started in
 * another of its languages opens with a short built-in greeting in that language instead (review
 * D16: Lucía, started in Spanish, greeted in English). Translating the persona's own greeting
 * would need a configured model and hold up the start of every chat; this is instant, works
 * offline, and the companion speaks the chosen language from its first reply on.
 */
const GREETINGS: Record<Language, string> = {
  'en-US': "Hi, I'm {name}! It's lovely to meet you. What would you like to talk about today?",
  'es-ES': '¡Hola, soy {name}! Me alegra mucho conocerte. ¿De qué te apetece hablar hoy?',
  'fr-FR':
    'Bonjour, je suis {name}\u00a0! Ravi de faire ta connaissance. De quoi as-tu envie de parler aujourd’hui\u00a0?',
  'de-DE': 'Hallo, ich bin {name}! Schön, dich kennenzulernen. Worüber möchtest du heute sprechen?',
  'nl-NL': 'Hoi, ik ben {name}! Leuk je te leren kennen. Waar wil je het vandaag over hebben?',
  'it-IT': 'Ciao, sono {name}! Che piacere conoscerti. Di cosa ti va di parlare oggi?',
};

export function greetingFor(
  companion: { name: string; greeting: string; languages: readonly Language[] },
  language: Language,
): string {
  const own = companion.greeting.trim();
  if (!own || language === companion.languages[0]) return companion.greeting;
  return GREETINGS[language].replace('{name}', companion.name);
}
