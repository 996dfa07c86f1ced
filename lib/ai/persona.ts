import type { Companion } from '@/lib/companions/queries';
import { LANGUAGE_LABELS, type Language } from '@/lib/languages';
import type { UserPersona } from '@/lib/profile/persona-schemas';
import { aboutThePerson } from './about-the-person';

/** The system instructions a companion speaks from, with what the person told it about themselves. */
export function personaInstructions(companion: Companion, language: Language, person?: UserPersona | null): string {
  const character = [
    // A card imported without a system prompt describes its character in the description.
    companion.instructions.trim() ? '' : companion.description.trim(),
    companion.personality?.trim() ? `Personality: ${companion.personality.trim()}` : '',
    companion.scenario?.trim() ? `Scenario: ${companion.scenario.trim()}` : '',
    companion.exampleDialogue?.trim()
      ? `Example dialogue (style only, not part of this conversation):\n${companion.exampleDialogue.trim()}`
      : '',
  ].filter(Boolean);
  return [
    companion.instructions.trim(),
    ...character,
    `Your name is ${companion.name}. Stay in character.`,
    `Reply in ${LANGUAGE_LABELS[language]} (${language}) unless the person asks for another language.`,
    'Write like a person in a chat: short paragraphs, markdown only where it helps (lists, code).',
    aboutThePerson(person),
  ]
    .filter(Boolean)
    .join('\n\n');
}
