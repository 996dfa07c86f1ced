import type { Companion } from '@/lib/db/companions';
import { LANGUAGE_LABELS, type Language } from '@/lib/languages';

/** The system instructions a companion speaks from. */
export function personaInstructions(companion: Companion, language: Language): string {
  return [
    companion.instructions.trim(),
    `Your name is ${companion.name}. Stay in character.`,
    `Reply in ${LANGUAGE_LABELS[language]} (${language}) unless the person asks for another language.`,
    'Write like a person in a chat: short paragraphs, markdown only where it helps (lists, code).',
  ].join('\n\n');
}
