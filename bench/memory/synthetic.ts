// Made-up memories for the benchmark: distractors that look like what people tell companions
// (so they compete with the memory a question needs), and bulk memories made by the database.
import type { Database } from '@/lib/db';
import type { MemoryKind } from '@/lib/memory/types';

const NAMES = ['Tom', 'Anna', 'Yusuf', 'Mei', 'Lars', 'Chiara', 'Pablo', 'Sofie', 'Kwame', 'Elif', 'Jonas', 'Ines'];
const CITIES = [
  'Paris',
  'Ghent',
  'Kraków',
  'Bilbao',
  'Turin',
  'Leeds',
  'Aarhus',
  'Malmö',
  'Porto',
  'Zürich',
  'Lyon',
  'Delft',
];
const THINGS = [
  'hiking',
  'sourdough',
  'chess',
  'jazz',
  'cycling',
  'sushi',
  'gardening',
  'podcasts',
  'yoga',
  'board games',
  'pottery',
  'climbing',
];
const JOBS = ['teacher', 'designer', 'nurse', 'developer', 'chef', 'architect', 'pharmacist', 'translator'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

/** A small deterministic generator, so every run crowds memory the same way. */
function random(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

export function distractors(
  count: number,
  seed: string,
): { kind: MemoryKind; content: string; importance: number; ageDays: number }[] {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const templates: [MemoryKind, () => string][] = [
    ['relationship', () => `Their friend ${pick(NAMES)} lives in ${pick(CITIES)}.`],
    ['relationship', () => `Their colleague ${pick(NAMES)} works as a ${pick(JOBS)}.`],
    ['preference', () => `Enjoys ${pick(THINGS)} on weekends.`],
    ['preference', () => `Tried ${pick(THINGS)} once and did not like it.`],
    ['event', () => `Visited ${pick(CITIES)} in ${pick(MONTHS)}.`],
    ['event', () => `Went to a ${pick(THINGS)} meetup with ${pick(NAMES)}.`],
    ['fact', () => `Read an article about ${pick(THINGS)} in ${pick(CITIES)}.`],
    ['fact', () => `Their neighbour ${pick(NAMES)} has a dog.`],
  ];
  return Array.from({ length: count }, () => {
    const [kind, make] = pick(templates);
    return { kind, content: make(), importance: 1 + Math.floor(next() * 5), ageDays: Math.floor(next() * 365) };
  });
}

/** `count` varied memories for one person and companion, written by the database in one statement. */
export async function generateMemories(
  db: Database,
  userId: string,
  companionId: string,
  count: number,
): Promise<void> {
  await db.query(
    `insert into hearth.memories (user_id, companion_id, kind, content, importance, updated_at, created_at)
     select $1, $2,
            (array['fact', 'preference', 'relationship', 'event'])[1 + i % 4],
            format('%s %s %s %s.',
                   (array['Likes', 'Visited', 'Talked about', 'Dislikes', 'Is curious about', 'Bought', 'Remembers', 'Planned'])[1 + i % 8],
                   (array['old', 'new', 'favourite', 'local', 'tiny', 'noisy', 'quiet', 'famous', 'strange', 'lovely', 'rainy'])[1 + (i / 8) % 11],
                   (array[${sqlList(THINGS)}, ${sqlList(CITIES)}, ${sqlList(NAMES)}])[1 + (i / 88) % 36],
                   i),
            1 + i % 5,
            now() - ((i % 365) || ' days')::interval,
            now() - ((i % 365) || ' days')::interval
       from generate_series(1, $3::int) as i`,
    [userId, companionId, count],
  );
}

function sqlList(items: string[]): string {
  return items.map((item) => `'${item.replace(/'/g, "''")}'`).join(', ');
}
