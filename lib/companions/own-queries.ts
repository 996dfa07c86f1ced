import type { Queryable } from '@/lib/db/client';
import type { Companion } from './queries';

/** A companion in a person's own list or the Community: what a card shows. */
export type CompanionSummary = Pick<
  Companion,
  'id' | 'slug' | 'name' | 'tagline' | 'avatarUrl' | 'accentColor' | 'specialties' | 'languages' | 'nsfw'
> & { audience: NonNullable<Companion['audience']>; updatedAt: string };

export type CommunityCompanion = CompanionSummary & {
  creator: string;
  chats: number;
  recentChats: number;
  likes: number;
  /** Whether the person reading liked it. */
  liked: boolean;
  featured: boolean;
};

const SUMMARY = `c.id, c.slug, c.name, c.tagline, c.avatar_url as "avatarUrl", c.accent_color as "accentColor",
  c.specialties, c.languages, c.nsfw, c.audience, c.updated_at::text as "updatedAt"`;

/** The requesting person's companions, newest edit first (removed ones are archived and gone from here). */
export function listOwnCompanions(tx: Queryable): Promise<CompanionSummary[]> {
  return tx.query<CompanionSummary>(
    `select ${SUMMARY} from hearth.companions c
      where c.owner_id = hearth.requesting_user_id() and c.archived_at is null
      order by c.updated_at desc, c.id desc limit 200`,
  );
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * People's public companions: by a search over name, tagline and tags, or one tag; featured first,
 * then trending (conversations in the last week), most talked-to, newest. NSFW ones only for
 * people who confirmed their age; hidden ones never.
 */
export function listCommunity(
  tx: Queryable,
  { q, tag, limit = 60 }: { q?: string; tag?: string; limit?: number },
): Promise<CommunityCompanion[]> {
  const params: unknown[] = [limit];
  const where = [
    `c.owner_id is not null and c.audience = 'public' and c.hidden_at is null and c.active
     and c.visibility = 'published' and c.archived_at is null`,
    `(not c.nsfw or exists (select 1 from hearth.users u
                             where u.id = hearth.requesting_user_id() and u.adult_confirmed_at is not null))`,
  ];
  if (q) {
    params.push(`%${escapeLike(q)}%`);
    where.push(
      `(c.name ilike $${params.length} or c.tagline ilike $${params.length}
        or exists (select 1 from unnest(c.specialties) s where s ilike $${params.length}))`,
    );
  }
  if (tag) {
    params.push(tag);
    where.push(`$${params.length} = any (c.specialties)`);
  }
  return tx.query<CommunityCompanion>(
    `with listed as (
       select ${SUMMARY}, c.featured_at is not null as featured from hearth.companions c
        where ${where.join(' and ')}
        order by c.updated_at desc limit 500
     )
     select l.*, n.creator, n.chats::int as chats, n.recent_chats::int as "recentChats", n.likes::int as likes,
            exists (select 1 from hearth.companion_likes k where k.companion_id = l.id
                     and k.user_id = hearth.requesting_user_id()) as liked
       from listed l join hearth.community_stats(array(select id from listed)) n on n.companion_id = l.id
      order by l.featured desc, "recentChats" desc, chats desc, likes desc, l."updatedAt" desc
      limit $1`,
    params,
  );
}

/** Removing a companion archives it and takes it out of everyone's lists; people who talk with it keep it. */
export async function archiveOwnCompanion(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(
    `update hearth.companions set archived_at = now(), audience = 'private', updated_at = now()
      where id = $1 and owner_id = hearth.requesting_user_id() and archived_at is null returning id`,
    [id],
  );
  return rows.length > 0;
}
