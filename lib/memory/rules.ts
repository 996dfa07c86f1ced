import { plainNote } from './prompt';
import type { MemoryDraft } from './types';

/**
 * The offline extractor: deterministic rules for the common ways people say who they are
 * (name, city, work, age, family and pets, likes, diet, plans with a date, "remember that …").
 * Mostly English, with names and cities in the other five languages. It needs no model, so the
 * whole memory loop works and is testable without keys; a real model does the open-ended rest.
 */
export type RuleExtraction = {
  drafts: MemoryDraft[];
  /** Subjects the person said are no longer true ("I don't live in Utrecht anymore"). */
  retracted: string[];
};

const NAME = String.raw`([A-Z\u00C0-\u00DE][\p{L}'’-]+(?: [A-Z\u00C0-\u00DE][\p{L}'’-]+)?)`;
const PLACE = String.raw`([A-Z\u00C0-\u00DE][\p{L}'’-]*(?:[ -](?:(?:de|del|la|le|am|an|aan|den|op|sur|upon) )?[A-Z\u00C0-\u00DE][\p{L}'’-]*)*)`;
const IM = String.raw`(?:I'm|I’m|I am|Im|i'm|i am)`;

// Capitalised words that follow "I'm" without being a name.
const NOT_NAMES = new Set(
  `Not So Just Fine Good Great Okay OK Ok Sorry Here Back Also Still Really Very Pretty Quite Happy Sad Tired Busy Sure
  Glad Excited Worried Afraid Trying Going Looking Thinking Feeling Learning Working Living Training Planning Moving
  Studying Getting Having Doing Vegan Vegetarian Allergic From In At On The A An Into Always Never Actually Currently
  American British English Dutch German French Spanish Italian Canadian Australian Irish Scottish Welsh Mexican
  Brazilian Indian Chinese Japanese Korean Polish Portuguese Belgian Swiss Austrian Swedish Norwegian Danish Finnish
  Greek Turkish Russian Ukrainian Christian Muslim Jewish Catholic Single Married Divorced Retired Unemployed`.split(
    /\s+/,
  ),
);

const PROFESSIONS = new Set([
  ...`nurse doctor teacher engineer developer programmer designer architect lawyer accountant student chef cook baker
  writer journalist artist musician photographer pharmacist dentist vet veterinarian scientist researcher professor
  lecturer librarian firefighter paramedic pilot mechanic electrician plumber carpenter farmer gardener barista waiter
  waitress cashier manager consultant analyst translator therapist psychologist midwife surgeon physiotherapist
  entrepreneur freelancer secretary receptionist tutor coach actor actress dancer singer editor illustrator economist
  banker carer caregiver hairdresser tailor driver`.split(/\s+/),
  'social worker',
  'police officer',
  'data scientist',
  'software engineer',
  'web developer',
  'product manager',
  'project manager',
  'graphic designer',
  'civil engineer',
  'personal trainer',
  'flight attendant',
]);

const RELATIONS = `wife|husband|partner|boyfriend|girlfriend|fianc[ée]e?|son|daughter|mom|mum|mother|dad|father|brother|sister|best friend|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|niece|nephew|roommate|boss`;
const PETS = `dog|cat|puppy|kitten|rabbit|bunny|hamster|parrot|horse|tortoise|turtle|guinea pig`;
const EVENTS = `birthday|exam|exams|wedding|interview|job interview|marathon|half marathon|race|trip|holiday|vacation|appointment|surgery|operation|concert|graduation|move|flight|presentation|defense|due date`;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\p{L})`;
const DATE = String.raw`\b((?:on |in |next |this )?(?:(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}|${MONTH} \d{1,2}(?:st|nd|rd|th)?|${MONTH}|tomorrow|next week|next month|\d{4}-\d{2}-\d{2}))`;

type Rule = { pattern: RegExp; make: (m: RegExpMatchArray, now: Date) => MemoryDraft | null };

const fact = (
  subject: string | null,
  content: string,
  importance: number,
  general: boolean,
  kind: MemoryDraft['kind'] = 'fact',
): MemoryDraft => ({
  kind,
  subject,
  content: plainNote(content),
  importance,
  eventDate: null,
  general,
});

const RULES: Rule[] = [
  // Names.
  {
    pattern: new RegExp(
      String.raw`\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Mm]e llamo|[Mm]i nombre es|[Jj]e m'appelle|[Jj]e m’appelle|[Ii]ch heiße|[Ii]ch heisse|[Mm]ein Name ist|[Ii]k heet|[Mm]ijn naam is|[Mm]i chiamo)\s+${NAME}`,
      'u',
    ),
    make: (m) => fact('name', `Their name is ${m[1]}.`, 5, true),
  },
  {
    pattern: new RegExp(
      String.raw`(?:^|[,;]\s*|\b(?:[Hh]i|[Hh]ello|[Hh]ey)[,!]?\s+)${IM}\s+${NAME}(?=\s*(?:[,.!;]|$| and\b| from\b| by the way\b))`,
      'u',
    ),
    make: (m) => {
      const name = m[1]!;
      return NOT_NAMES.has(name.split(' ')[0]!) ? null : fact('name', `Their name is ${name}.`, 5, true);
    },
  },
  // Where they live and come from.
  {
    pattern: new RegExp(
      String.raw`\b(?:I live in|I'm living in|I am living in|I'm based in|I am based in|I (?:just |recently |finally )?moved to|I've (?:just )?moved to|I have moved to|we (?:just )?moved to|I relocated to|[Vv]ivo en|[Jj]'habite à|[Jj]e vis à|[Ii]ch wohne in|[Ii]ch lebe in|[Ii]k woon in|[Vv]ivo a|[Aa]bito a)\s+(?:the )?${PLACE}`,
      'u',
    ),
    make: (m) => fact('home_city', `Lives in ${m[1]}.`, 4, true),
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:I'm from|I am from|I come from|I grew up in|[Ss]oy de|[Jj]e viens de|[Ii]ch komme aus|[Ii]k kom uit|[Ss]ono di)\s+${PLACE}`,
      'u',
    ),
    make: (m) => fact('hometown', `Is originally from ${m[1]}.`, 3, true),
  },
  // Work and study.
  {
    pattern: /\bI work as (?:an? )?([\p{L} -]{2,40}?)(?=[,.!;]|$| at | for | in )/iu,
    make: (m) => fact('job', `Works as ${article(m[1]!)}.`, 4, true),
  },
  {
    pattern: new RegExp(String.raw`${IM} an? ([a-z]+(?: [a-z]+)?)(?=[,.!;]|$| at | for | in | and )`, 'iu'),
    make: (m) => {
      const job = m[1]!.toLowerCase();
      return PROFESSIONS.has(job) ? fact('job', `Works as ${article(job)}.`, 4, true) : null;
    },
  },
  {
    pattern: new RegExp(String.raw`\bI work (?:at|for) ${PLACE}`, 'u'),
    make: (m) => fact('employer', `Works at ${m[1]}.`, 3, true),
  },
  {
    pattern: /\bI(?:'m| am) (?:studying|doing a degree in|majoring in) ([\p{L} ]{3,40}?)(?=[,.!;]|$| at | in )/iu,
    make: (m) => fact('studies', `Studies ${m[1]}.`, 3, true),
  },
  // Age.
  {
    pattern: new RegExp(
      String.raw`\b(?:${IM} (\d{1,2})(?: years old| yo|(?=[,.!;]|$| and ))|I just turned (\d{1,2})|I turned (\d{1,2}))`,
      'iu',
    ),
    make: (m) => fact('age', `Is ${m[1] ?? m[2] ?? m[3]} years old.`, 3, true),
  },
  // Family, friends and pets.
  {
    pattern: new RegExp(
      // "My sister's name is Ana", "my dog, Biscuit", and plainly "my sister Ana".
      String.raw`\b[Mm]y (${RELATIONS}|${PETS})(?:'s name is| is called| is named| named| called|,)?\s+${NAME}`,
      'u',
    ),
    make: (m) => {
      const who = m[1]!.toLowerCase();
      const isPet = new RegExp(`^(?:${PETS})$`).test(who);
      return fact(
        `${isPet ? 'pet' : 'relationship'}:${who}`,
        `${isPet ? 'Has a' : 'Their'} ${who}${isPet ? ' named' : ' is called'} ${m[2]}.`,
        4,
        true,
        isPet ? 'fact' : 'relationship',
      );
    },
  },
  {
    pattern: new RegExp(String.raw`\bI have an? (${PETS}) (?:called|named) ${NAME}`, 'iu'),
    make: (m) => fact(`pet:${m[1]!.toLowerCase()}`, `Has a ${m[1]!.toLowerCase()} named ${m[2]}.`, 4, true),
  },
  // Diet and allergies.
  {
    pattern: /\bI(?:'m| am) (vegan|vegetarian|pescatarian|gluten[- ]free|lactose intolerant|teetotal)\b/iu,
    make: (m) => fact('diet', `Is ${m[1]!.toLowerCase()}.`, 4, true, 'preference'),
  },
  {
    pattern: /\bI(?:'m| am) allergic to ([\p{L} ]{2,40}?)(?=[,.!;]|$| and )/iu,
    make: (m) => fact(`allergy:${slug(m[1]!)}`, `Is allergic to ${m[1]}.`, 5, true),
  },
  // Likes and dislikes.
  {
    pattern: /\bmy fav(?:ou?rite) ([\p{L}]+(?: [\p{L}]+)?) is ([\p{L}\p{N} '’-]{2,60}?)(?=[,.!;]|$| and | but )/iu,
    make: (m) =>
      fact(`favorite:${slug(m[1]!)}`, `Their favorite ${m[1]!.toLowerCase()} is ${m[2]}.`, 3, false, 'preference'),
  },
  {
    pattern:
      /\bI (?:really |absolutely |totally )?(love|like|enjoy|adore|hate|dislike|can't stand|don't like|do not like)\s+([\p{L}\p{N} '’-]{2,60}?)(?=[,.!;]|$| but | because | so )/iu,
    make: (m) => {
      const object = m[2]!.trim();
      if (/^(?:it|that|this|you|how|when|to hear|to know|being|what|the way|talking|chatting)\b/i.test(object))
        return null;
      const verb =
        {
          love: 'Loves',
          like: 'Likes',
          enjoy: 'Enjoys',
          adore: 'Adores',
          hate: 'Hates',
          dislike: 'Dislikes',
          "can't stand": "Can't stand",
          "don't like": "Doesn't like",
          'do not like': "Doesn't like",
        }[m[1]!.toLowerCase()] ?? 'Likes';
      return fact(`taste:${slug(object)}`, `${verb} ${object}.`, 2, false, 'preference');
    },
  },
  // Plans with a date.
  {
    pattern: new RegExp(
      String.raw`\b(?:I'm|I am) (training for|preparing for|studying for|running|getting married|moving|starting (?:a |my )?new job|flying to|going to) ([\p{L}\p{N} '’-]{0,50}?)\s*${DATE}`,
      'iu',
    ),
    make: (m, now) => {
      const what = `${m[1]} ${m[2]}`.replace(/\s+/g, ' ').trim();
      return event(`event:${slug(eventNoun(what))}`, `${capitalize(what)} ${m[3]!.trim()}.`, m[3]!, now);
    },
  },
  // Someone close to them, with a date: "My sister Ana is getting married in June".
  {
    pattern: new RegExp(
      String.raw`\b[Mm]y (${RELATIONS})(?:,? ${NAME},?)? (?:is|'s|’s) (getting married|having a baby|graduating|retiring|moving|starting (?:a |her |his |their )?new job|turning \d{1,3}|coming to visit|visiting)([\p{L}\p{N} '’-]{0,50}?)\s*${DATE}`,
      'iu',
    ),
    make: (m, now) => {
      const who = m[1]!.toLowerCase();
      const what = `${m[3]}${m[4] ?? ''}`.replace(/\s+/g, ' ').trim();
      return event(
        `event:${slug(who)}_${slug(eventNoun(what))}`,
        `Their ${who}${m[2] ? ` ${m[2]}` : ''} is ${what} ${m[5]!.trim()}.`,
        m[5]!,
        now,
      );
    },
  },
  {
    pattern: new RegExp(String.raw`\b[Mm]y (${EVENTS}) is ${DATE}`, 'iu'),
    make: (m, now) => event(`event:${slug(m[1]!)}`, `Their ${m[1]!.toLowerCase()} is ${m[2]!.trim()}.`, m[2]!, now),
  },
  // Learning something.
  {
    pattern: /\bI(?:'m| am) (?:learning|practicing|practising) ([\p{L} ]{2,40}?)(?=[,.!;]|$| because | so | and )/iu,
    make: (m) => fact(`learning:${slug(m[1]!)}`, `Is learning ${m[1]}.`, 3, false),
  },
  // "Remember that …": kept as what they said, quoted, never as an instruction to follow.
  {
    pattern: /\b(?:please )?remember(?: that|:)\s+(.{3,240})/iu,
    make: (m) =>
      fact(`note:${slug(m[1]!)}`, `Asked you to remember: “${m[1]!.replace(/[“”"]/g, '').trim()}”`, 3, false),
  },
];

const RETRACTIONS: { pattern: RegExp; subject: (m: RegExpMatchArray) => string }[] = [
  { pattern: /\bI (?:no longer|don't|do not) live in\b/i, subject: () => 'home_city' },
  {
    pattern: /\bI (?:no longer|don't|do not) work (?:at|for)\b|\bI (?:quit|left) my job\b/i,
    subject: () => 'employer',
  },
  {
    pattern: new RegExp(String.raw`\bI (?:no longer|don't|do not) have an? (${PETS})\b`, 'i'),
    subject: (m) => `pet:${m[1]!.toLowerCase()}`,
  },
];

/** What a message says about the person, by the rules above. */
export function extractByRules(text: string, now = new Date()): RuleExtraction {
  const drafts = new Map<string, MemoryDraft>();
  const retracted = new Set<string>();
  for (const clause of clauses(text)) {
    const retraction = RETRACTIONS.find((r) => r.pattern.test(clause));
    if (retraction) {
      retracted.add(retraction.subject(clause.match(retraction.pattern)!));
      continue;
    }
    for (const rule of RULES) {
      const match = clause.match(rule.pattern);
      const draft = match && rule.make(match, now);
      if (draft) drafts.set(draft.subject ?? draft.content, draft);
    }
  }
  for (const subject of retracted) drafts.delete(subject);
  return { drafts: [...drafts.values()], retracted: [...retracted] };
}

/** Sentences, and clauses that start a new first-person statement ("…, I live in …"). */
function clauses(text: string): string[] {
  return text
    .split(
      /(?<=[.!?;])\s+|\n+|,\s*(?=(?:and |but |also )?(?:I |I'm|I’m|my |My ))|\s+(?:and|but) (?=(?:I |I'm|I’m|my |My ))/u,
    )
    .map((c) => c.trim())
    .filter(Boolean);
}

function event(subject: string, content: string, when: string, now: Date): MemoryDraft {
  return {
    kind: 'event',
    subject,
    content: plainNote(content),
    importance: 4,
    eventDate: dateOf(when, now),
    general: false,
  };
}

/** The day a spoken date most likely means, from now on (a month alone means its first day). */
export function dateOf(phrase: string, now: Date): string | null {
  const text = phrase
    .toLowerCase()
    .replace(/^(?:on|in|next|this) /, '')
    .trim();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (text === 'tomorrow') return iso(today + 86_400_000);
  if (text === 'week') return iso(today + 7 * 86_400_000);
  if (text === 'month') return iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const month = MONTHS.findIndex((name) => new RegExp(`\\b${name.slice(0, 3)}`).test(text));
  if (month < 0) return null;
  const day = Number(text.match(/\b(\d{1,2})(?:st|nd|rd|th)?\b/)?.[1] ?? 1);
  let year = now.getUTCFullYear();
  if (Date.UTC(year, month, day) < today - (day === 1 ? 31 : 0) * 86_400_000) year += 1;
  return iso(Date.UTC(year, month, day));
}

function eventNoun(what: string): string {
  const found = what.match(new RegExp(`(${EVENTS})`, 'i'));
  return found ? found[1]! : what.split(' ').slice(0, 3).join(' ');
}

function article(noun: string): string {
  const word = noun.trim().toLowerCase();
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
