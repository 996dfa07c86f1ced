import { secondPerson } from '@/lib/ai/offline/recall';

/**
 * Memories are stored as notes for the companion, in the third person ("Their name is Sam.",
 * "Lives in Lisbon."): that is how the prompt gives them to the model. Shown to the person they
 * are about, they read in the second person ("Your name is Sam."), and what the person writes
 * back when editing one is turned into a note again.
 */
export function memoryForPerson(note: string, companionName: string): string {
  const asked = note.match(/^Asked you to /);
  if (asked) return `You asked ${companionName} to ${note.slice(asked[0].length)}`;
  const spoken = secondPerson(note);
  return spoken.charAt(0).toUpperCase() + spoken.slice(1);
}

// The person's "You …" back to the notes' third person; other wording is kept as written.
const TO_NOTE: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Your /i, () => 'Their '],
  [/^You asked \S+(?: \S+)? to /iu, () => 'Asked you to '],
  [/^(?:You are|You're|You’re) (\p{L}+ing) /iu, (m) => `${capitalize(m[1]!)} `],
  [/^(?:You are|You're|You’re) /i, () => 'Is '],
  [/^You have /i, () => 'Has '],
  [/^You (?:don't|don’t|do not) /i, () => "Doesn't "],
  [/^You (?:can't|can’t|cannot) /i, () => "Can't "],
  [/^You study /i, () => 'Studies '],
  [/^You (\p{L}+) /iu, (m) => `${capitalize(thirdPersonVerb(m[1]!))} `],
];

export function memoryAsNote(text: string): string {
  for (const [pattern, replace] of TO_NOTE) {
    const match = text.match(pattern);
    if (match) return replace(match) + text.slice(match[0].length);
  }
  return text;
}

function thirdPersonVerb(verb: string): string {
  const lower = verb.toLowerCase();
  if (/(?:s|sh|ch|x|z|o)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
