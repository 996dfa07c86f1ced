import type { Queryable } from '@/lib/db/client';
import type { SnapshotMessage } from './snapshot';

/** A shared link as its owner lists it. */
export type SharedLink = {
  id: string;
  conversationId: string;
  token: string;
  title: string;
  companionName: string;
  showsName: boolean;
  messageCount: number;
  createdAt: Date;
};

/** What anyone with the link sees: the copy and the companion's public face. */
export type SharedSnapshot = {
  title: string;
  authorName: string | null;
  messages: SnapshotMessage[];
  omitted: number;
  createdAt: Date;
  companion: { slug: string; name: string; tagline: string; avatarUrl: string; accentColor: string };
};

const LINK_COLUMNS = `s.id, s.conversation_id as "conversationId", s.token, s.title, p.name as "companionName",
  s.author_name is not null as "showsName", jsonb_array_length(s.messages) as "messageCount", s.created_at as "createdAt"`;
const LINK_FROM = `hearth.shared_snapshots s join hearth.conversations c on c.id = s.conversation_id
  join hearth.companions p on p.id = c.companion_id`;

/** Saves a snapshot; RLS refuses one of a conversation that is not the user's (42501). */
export async function insertSnapshot(
  tx: Queryable,
  input: {
    conversationId: string;
    token: string;
    title: string;
    authorName: string | null;
    messages: SnapshotMessage[];
    omitted: number;
  },
): Promise<SharedLink> {
  const [row] = await tx.query<SharedLink>(
    `with s as (
       insert into hearth.shared_snapshots (conversation_id, token, title, author_name, messages, omitted)
       values ($1, $2, $3, $4, $5, $6) returning *
     ) select ${LINK_COLUMNS} from s join hearth.conversations c on c.id = s.conversation_id
         join hearth.companions p on p.id = c.companion_id`,
    [input.conversationId, input.token, input.title, input.authorName, JSON.stringify(input.messages), input.omitted],
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The user's shared links, newest first; of one conversation when it is named. */
export function listSharedLinks(tx: Queryable, conversationId?: string): Promise<SharedLink[]> {
  return tx.query<SharedLink>(
    `select ${LINK_COLUMNS} from ${LINK_FROM}
      where ($1::uuid is null or s.conversation_id = $1::uuid)
      order by s.created_at desc, s.id limit 500`,
    [conversationId ?? null],
  );
}

export async function countSharedLinks(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ n: number }>('select count(*)::int as n from hearth.shared_snapshots');
  return row?.n ?? 0;
}

/** Turns a link off by deleting its copy; false when it is not the user's (RLS) or already gone. */
export async function deleteSnapshot(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query('delete from hearth.shared_snapshots where id = $1 returning id', [id]);
  return rows.length > 0;
}

/** The user's name as their account has it, for a link that shows it. */
export async function ownName(tx: Queryable): Promise<string | null> {
  const [row] = await tx.query<{ name: string | null }>(
    'select name from hearth.users where id = hearth.requesting_user_id()',
  );
  return row?.name?.trim() || null;
}

type SnapshotRow = Omit<SharedSnapshot, 'companion'> & {
  companionSlug: string;
  companionName: string;
  companionTagline: string;
  companionAvatarUrl: string;
  companionAccentColor: string;
};

/** A snapshot by its token, through the one function a signed-out reader may call. */
export async function readSharedSnapshot(tx: Queryable, token: string): Promise<SharedSnapshot | null> {
  const [row] = await tx.query<SnapshotRow>(
    `select title, author_name as "authorName", messages, omitted, created_at as "createdAt",
            companion_slug as "companionSlug", companion_name as "companionName", companion_tagline as "companionTagline",
            companion_avatar_url as "companionAvatarUrl", companion_accent_color as "companionAccentColor"
       from hearth.shared_snapshot($1)`,
    [token],
  );
  if (!row) return null;
  return {
    title: row.title,
    authorName: row.authorName,
    messages: row.messages,
    omitted: row.omitted,
    createdAt: row.createdAt,
    companion: {
      slug: row.companionSlug,
      name: row.companionName,
      tagline: row.companionTagline,
      avatarUrl: row.companionAvatarUrl,
      accentColor: row.companionAccentColor,
    },
  };
}
