import type { Queryable } from '@/lib/db/client';
import { decodeCursor, pageOf, withoutSeqKey, type Page } from '@/lib/db/cursor';
import { HearthError } from '@/lib/errors';
import { runStatement, type Statement } from '@/lib/db/statement';
import { getMessage, type MessageSource, type StoredMessage } from './messages';

/**
 * A conversation is a tree of messages; what it reads as is its active branch, the path of
 * messages marked `active` (supabase/migrations/20261209010000_branches.sql). Regenerating a reply
 * or editing a message adds a sibling and moves the branch onto it; the earlier one stays, to come
 * back to. Every function here runs in the person's RLS scope.
 */

/**
 * Takes the active branch off from `seq` on: the message there and everything after it, which on
 * the active path are its descendants. A rolling summary that reached into them no longer tells
 * this branch's story, so it is dropped and the next turns fold again.
 */
export async function leaveBranchFrom(tx: Queryable, conversationId: string, seq: string): Promise<void> {
  await runStatement(tx, leaveBranchStatement(conversationId, seq));
}

export function leaveBranchStatement(conversationId: string, seq: string): Statement {
  return {
    sql: `with left_branch as (
            update hearth.messages set active = false
             where conversation_id = $1 and active and seq >= $2::bigint returning id
          )
          update hearth.conversations set summary = null, summary_through_seq = 0
           where id = $1 and summary_through_seq >= $2::bigint`,
    params: [conversationId, seq],
  };
}

/** A message of the conversation's active branch, with where it stands; null when there is none. */
export async function activeMessage(
  tx: Queryable,
  conversationId: string,
  id: string,
): Promise<{ id: string; role: StoredMessage['role']; seq: string; parentId: string | null } | null> {
  const [row] = await tx.query<{ id: string; role: StoredMessage['role']; seq: string; parentId: string | null }>(
    `select id, role, seq::text as seq, parent_id as "parentId" from hearth.messages
      where id = $1 and conversation_id = $2 and active`,
    [id, conversationId],
  );
  return row ?? null;
}

/**
 * A new version of a message of the active branch beside it, with `text` for its text and the
 * same files: the branch continues from the new one. The caller has taken the old one off
 * (leaveBranchFrom) in the same transaction. When the message is gone, it refuses (HQ404) and the
 * transaction writes nothing.
 */
export async function insertEditedCopy(tx: Queryable, input: EditedCopy): Promise<void> {
  await runStatement(tx, editedCopyStatement(input));
}

type EditedCopy = { id: string; of: string; text: string; source?: MessageSource };

export function editedCopyStatement(input: EditedCopy): Statement {
  return {
    sql: `with copy as (
            insert into hearth.messages (id, conversation_id, parent_id, role, status, source, parts)
            select $1, o.conversation_id, o.parent_id, o.role, 'complete', coalesce($4, o.source),
                   coalesce((select jsonb_agg(p order by n) from jsonb_array_elements(o.parts) with ordinality as e(p, n)
                              where p ->> 'type' = 'file'), '[]'::jsonb)
                     || jsonb_build_array(jsonb_build_object('type', 'text', 'text', $3::text))
              from hearth.messages o where o.id = $2
            returning id
          )
          select hearth.refuse('HQ404', 'This message does not exist.') where not exists (select from copy)`,
    params: [input.id, input.of, input.text, input.source ?? null],
  };
}

/**
 * Edits one of the companion's replies: the edit becomes a new branch from that point, the reply
 * as written stays as its alternative. Returns the edited reply.
 */
export async function editReply(
  tx: Queryable,
  conversationId: string,
  messageId: string,
  text: string,
): Promise<StoredMessage> {
  await refuseWhileWriting(tx, conversationId);
  const target = await activeMessage(tx, conversationId, messageId);
  if (!target) throw new HearthError('not_found', 'This message is not part of the conversation as it reads now.');
  if (target.role !== 'assistant') throw new HearthError('bad_request', 'Only a reply can be edited this way.');
  const id = crypto.randomUUID();
  await leaveBranchFrom(tx, conversationId, target.seq);
  await insertEditedCopy(tx, { id, of: target.id, text });
  await touch(tx, conversationId);
  return (await getMessage(tx, id))!;
}

/**
 * Moves the conversation onto the branch through `messageId`, any message of it: the branch it was
 * on is taken off from where the two part, the chosen message's earlier messages come on, and from
 * the chosen message down it continues as it last did (each message's most recently chosen child).
 * Choosing a message already on the branch changes nothing.
 */
export async function chooseBranch(tx: Queryable, conversationId: string, messageId: string): Promise<void> {
  await refuseWhileWriting(tx, conversationId);
  // The chosen message and its ancestors up to the first one on the active branch.
  const chain = await tx.query<{ id: string; parentId: string | null; active: boolean }>(
    `with recursive up as (
       select id, parent_id, active, 0 as depth from hearth.messages where id = $1 and conversation_id = $2
       union all
       select p.id, p.parent_id, p.active, up.depth + 1 from up join hearth.messages p on p.id = up.parent_id
        where not up.active
     )
     select id, parent_id as "parentId", active from up order by depth`,
    [messageId, conversationId],
  );
  if (!chain.length) throw new HearthError('not_found', 'This message is not part of this conversation.');
  const coming = chain.filter((m) => !m.active);
  const top = coming.at(-1);
  if (!top) return;
  const [fork] = await tx.query<{ seq: string }>(
    `select seq::text as seq from hearth.messages
      where conversation_id = $1 and active and (parent_id = $2 or ($2::uuid is null and parent_id is null))`,
    [conversationId, top.parentId],
  );
  if (fork) await leaveBranchFrom(tx, conversationId, fork.seq);
  await tx.query(
    `with recursive below as (
       select $1::uuid as id
       union all
       select next.id from below
        cross join lateral (select c.id from hearth.messages c where c.parent_id = below.id
                             order by c.chosen_at desc, c.seq desc limit 1) next
     )
     update hearth.messages m
        set active = true, chosen_at = case when m.id = any($2::uuid[]) then clock_timestamp() else m.chosen_at end
       from (select id from below union select unnest($2::uuid[])) path where m.id = path.id`,
    [messageId, coming.map((m) => m.id)],
  );
  await touch(tx, conversationId);
}

/** A message as the tree lists it: where it hangs, and whether it is on the branch shown. */
export type TreeMessage = Pick<StoredMessage, 'id' | 'role' | 'parts' | 'status' | 'parentId' | 'createdAt'> & {
  active: boolean;
};

/**
 * The whole tree a page at a time, every branch, in the order it was written (a parent always
 * before its children), keyed by seq like listMessagePage.
 */
export async function listMessageTree(
  tx: Queryable,
  conversationId: string,
  { limit, cursor }: { limit: number; cursor?: string | null },
): Promise<Page<TreeMessage>> {
  const afterSeq = cursor ? decodeCursor(cursor, /^\d{1,18}$/) : null;
  const rows = await tx.query<TreeMessage & { seqKey: string }>(
    `select id, role, parts, status, parent_id as "parentId", active, created_at as "createdAt", seq::text as "seqKey"
       from hearth.messages where conversation_id = $1 and seq > coalesce($2::bigint, 0) order by seq limit $3`,
    [conversationId, afterSeq, limit + 1],
  );
  return pageOf(rows, limit, (r) => r.seqKey, withoutSeqKey);
}

// Moving the branch under a reply being written would leave it writing into a branch no longer shown.
async function refuseWhileWriting(tx: Queryable, conversationId: string): Promise<void> {
  const [writing] = await tx.query(
    `select 1 from hearth.messages where conversation_id = $1 and status = 'streaming' limit 1`,
    [conversationId],
  );
  if (writing) throw new HearthError('conflict', 'Wait for the reply being written to finish, or stop it.');
}

async function touch(tx: Queryable, conversationId: string): Promise<void> {
  await tx.query('update hearth.conversations set updated_at = now() where id = $1', [conversationId]);
}
