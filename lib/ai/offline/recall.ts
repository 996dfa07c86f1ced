import type { Language } from '@/lib/languages';
import { notesIn } from '@/lib/memory/prompt';
import { queryTerms } from '@/lib/memory/query';

/**
 * How the offline model uses what it remembers: a question that shares words with a note in the
 * system prompt's memory section is answered from that note, so the memory loop can be seen
 * working without a real model. Notes are written in English by the rule extractor.
 */

const OPENERS: Record<Language, string> = {
  'en-US': 'Of course I remember!',
  'es-ES': '¡Claro que me acuerdo!',
  'fr-FR': 'Bien sûr que je m’en souviens\u00a0!',
  'de-DE': 'Natürlich erinnere ich mich!',
  'nl-NL': 'Natuurlijk weet ik dat nog!',
  'it-IT': 'Certo che me lo ricordo!',
};

const FOLLOW_UPS: Record<Language, string> = {
  'en-US': 'Tell me, how is that going?',
  'es-ES': 'Cuéntame, ¿cómo va eso?',
  'fr-FR': 'Dis-moi, comment ça se passe\u00a0?',
  'de-DE': 'Erzähl mal, wie läuft es damit?',
  'nl-NL': 'Vertel eens, hoe gaat het daarmee?',
  'it-IT': 'Dimmi, come sta andando?',
};

const ASKS_WHAT_IS_REMEMBERED = /\bwhat do you (?:remember|know) about me\b|\bwhat have i told you\b/i;

/** A reply built from the notes, or null when the question is about none of them. */
export function recallReply(question: string, system: string, language: Language, name: string): string | null {
  const notes = notesIn(system);
  if (notes.length === 0) return null;
  const opener = OPENERS[language];
  if (ASKS_WHAT_IS_REMEMBERED.test(question)) {
    return `${opener} Here is what I, ${name}, know about you:\n\n${notes
      .slice(0, 6)
      .map((n) => `- ${secondPerson(n)}`)
      .join('\n')}`;
  }
  const terms = queryTerms(question);
  const overlap = (note: string) => {
    const words = queryTerms(note);
    return terms.filter((t) => words.some((w) => w.startsWith(t) || t.startsWith(w))).length;
  };
  const best = notes.map((note) => ({ note, score: overlap(note) })).sort((a, b) => b.score - a.score)[0]!;
  if (best.score === 0) return null;
  return `${opener} ${capitalize(secondPerson(best.note))} ${FOLLOW_UPS[language]}`;
}

const PERSON: [RegExp, string][] = [
  [/^Their /, 'your '],
  [/^Is /, 'you are '],
  [/^Has /, 'you have '],
  [/^Doesn't /, "you don't "],
  [/^Can't /, "you can't "],
  [/^Asked you to /, 'you asked me to '],
  [/^Studies /, 'you study '],
  [/^(\p{L}+ing) /u, "you're $1 "],
  [/^(\p{L}+)s /u, 'you $1 '],
];

/** "Lives in Utrecht." as "you live in Utrecht.": the notes' third person, turned to the listener. */
export function secondPerson(note: string): string {
  for (const [pattern, replacement] of PERSON) {
    const match = note.match(pattern);
    if (match) return replacement.replace('$1', (match[1] ?? '').toLowerCase()) + note.slice(match[0].length);
  }
  return note;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
