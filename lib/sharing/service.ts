import { randomBytes } from 'node:crypto';
import { getConversation } from '@/lib/conversations/queries';
import { listMessages } from '@/lib/conversations/messages';
import type { Database } from '@/lib/db/client';
import { withAnon, withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import {
  countSharedLinks,
  deleteSnapshot,
  insertSnapshot,
  listSharedLinks,
  ownName,
  readSharedSnapshot,
  type SharedLink,
  type SharedSnapshot,
} from './queries';
import { shareToken } from './schemas';
import { snapshotOf } from './snapshot';

/** How many live links one person may have; past it, old ones must be turned off first. */
export const MAX_SHARED_LINKS = 200;

/**
 * Shares a conversation as it is now: a copy of its text messages behind a new unguessable link.
 * Later messages, edits and renames stay private. Someone else's conversation is not found.
 */
export async function shareConversation(
  user: UserScope,
  input: { conversationId: string; showName: boolean },
  db?: Database,
): Promise<SharedLink> {
  return withUser(
    user,
    async (tx) => {
      const conversation = await getConversation(tx, input.conversationId);
      if (!conversation) throw new HearthError('not_found', 'This conversation does not exist.');
      if ((await countSharedLinks(tx)) >= MAX_SHARED_LINKS) {
        throw new HearthError(
          'conflict',
          `You have ${MAX_SHARED_LINKS} shared links. Turn some off in Settings before sharing another.`,
        );
      }
      const snapshot = snapshotOf(await listMessages(tx, conversation.id));
      return insertSnapshot(tx, {
        conversationId: conversation.id,
        token: randomBytes(32).toString('base64url'),
        title: conversation.title,
        authorName: input.showName ? await ownName(tx) : null,
        ...snapshot,
      });
    },
    db,
  );
}

/** The user's live links, newest first (of one conversation when named). */
export function listShares(user: UserScope, conversationId?: string, db?: Database): Promise<SharedLink[]> {
  return withUser(user, (tx) => listSharedLinks(tx, conversationId), db);
}

/** Turns a link off: its copy is deleted, and the page says so. Someone else's link is not found. */
export async function turnOffShare(user: UserScope, id: string, db?: Database): Promise<void> {
  const deleted = await withUser(user, (tx) => deleteSnapshot(tx, id), db);
  if (!deleted) throw new HearthError('not_found', 'This shared link does not exist.');
}

/** What the public page shows for a token: null for a link that is unknown or turned off. */
export async function openSharedSnapshot(token: string, db?: Database): Promise<SharedSnapshot | null> {
  if (!shareToken.safeParse(token).success) return null;
  return withAnon((tx) => readSharedSnapshot(tx, token), db);
}
