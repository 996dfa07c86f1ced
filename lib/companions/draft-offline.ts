/**
 * A first draft of a companion from a few lines about it, without a model: the name it is given,
 * its first sentence as the tagline, the lines themselves as who it is. What the built-in offline
 * model can honestly do; a configured model drafts the rest (./draft.ts).
 */
export type CompanionDraft = {
  name: string;
  tagline: string;
  instructions: string;
  personality: string;
  scenario: string;
  greeting: string;
  specialties: string[];
};

const NAMED =
  /(?:named|called|name is|name's|nombre es|llamad[ao]|s'appelle|appelé[e]?|heißt|genannt|heet|genaamd|chiamat[ao]|si chiama)\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)/u;
const CAPITALISED = /(?<![.!?]\s)(?<!^)\b(\p{Lu}[\p{Ll}'’-]+)/u;

function nameIn(description: string): string {
  return (description.match(NAMED)?.[1] ?? description.match(CAPITALISED)?.[1] ?? 'New companion').slice(0, 80);
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0]!.trim();
  return sentence.length <= 160 ? sentence : `${sentence.slice(0, 159).trimEnd()}…`;
}

export function draftOffline(description: string): CompanionDraft {
  const lines = description.trim();
  const name = nameIn(lines);
  return {
    name,
    tagline: firstSentence(lines),
    instructions: `You are ${name}. ${lines}`,
    personality: '',
    scenario: '',
    greeting: `Hi, I'm ${name}. What would you like to talk about?`,
    specialties: [],
  };
}
