import type { FileUIPart } from 'ai';
import { UNHEARD_VOICE_NOTE } from '@/lib/ai/voice-note';
import type { Queryable } from '@/lib/db/client';
import type { HistoryEntry } from '@/lib/conversations/messages';
import { getUploads, uploadsOfMessages, type Upload } from '@/lib/uploads/queries';
import { HearthError } from '@/lib/errors';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { MAX_IMAGES_PER_MESSAGE } from '@/lib/uploads/limits';
import { contentPath } from '@/lib/uploads/service';
import type { PromptEntry } from './history';

/**
 * Files in the chat pipeline: the uploads a new message attaches (checked in the user's scope),
 * how they are stored in the message's parts, and the images that go to the model as bytes.
 */

// Images of the newest messages that go to the model again with later turns; older ones are
// described in words only, so a long conversation does not resend every picture.
const RECENT_IMAGE_MESSAGES = 6;

/** The uploads a new message attaches: the caller's own, not attached elsewhere, at most 4 images and 1 voice note. */
export async function loadNewAttachments(tx: Queryable, ids: readonly string[]): Promise<Upload[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const found = await getUploads(tx, unique);
  const byId = new Map(found.map((upload) => [upload.id, upload]));
  const uploads = unique.map((id, index) => {
    const upload = byId.get(id);
    if (!upload)
      throw new HearthError('bad_request', `Attachment ${id} does not exist.`, { param: `attachments.${index}` });
    if (upload.messageId || upload.conversationId) {
      throw new HearthError('bad_request', `Attachment ${id} is already part of a message; upload the file again.`, {
        param: `attachments.${index}`,
      });
    }
    return upload;
  });
  const images = uploads.filter((u) => u.kind === 'image').length;
  if (images > MAX_IMAGES_PER_MESSAGE)
    throw new HearthError('bad_request', `A message can carry at most ${MAX_IMAGES_PER_MESSAGE} images.`, {
      param: 'attachments',
    });
  if (uploads.length - images > 1)
    throw new HearthError('bad_request', 'A message can carry one voice note.', { param: 'attachments' });
  return uploads;
}

/** What the person said: their text, else what their voice note said. */
export function spokenText(text: string | undefined, attachments: readonly Upload[]): string {
  if (text) return text;
  return attachments
    .map((u) => u.transcript ?? '')
    .filter(Boolean)
    .join('\n');
}

/** The message parts that show and reference the files (AI SDK file parts, served by the uploads route). */
export function attachmentParts(attachments: readonly Upload[]): FileUIPart[] {
  return attachments.map((u) => ({
    type: 'file',
    mediaType: u.mediaType,
    url: contentPath(u.id),
    ...(u.filename ? { filename: u.filename } : {}),
  }));
}

/** The newest messages of the person's whose files the prompt may carry (an entry that does not say is asked about). */
export function recentMessagesWithFiles(history: readonly HistoryEntry[]): string[] {
  return history
    .filter((m) => m.role === 'user')
    .slice(-RECENT_IMAGE_MESSAGES * 2)
    .filter((m) => m.hasFiles !== false)
    .map((m) => m.id);
}

/** The uploads attached to the newest history messages that carry images, by message id. */
export async function recentHistoryAttachments(
  tx: Queryable,
  history: readonly HistoryEntry[],
): Promise<Map<string, Upload[]>> {
  const ids = recentMessagesWithFiles(history);
  const byMessage = new Map<string, Upload[]>();
  // Most turns have no files near the end of the history: then there is nothing to ask for.
  if (ids.length === 0) return byMessage;
  for (const upload of await uploadsOfMessages(tx, ids)) {
    byMessage.set(upload.messageId!, [...(byMessage.get(upload.messageId!) ?? []), upload]);
  }
  return byMessage;
}

/**
 * The history as the prompt needs it: images read from the store for the newest messages that
 * have them; a voice note that has no transcript is described (an instruction, never quotable words),
 * so the model knows one came.
 */
export async function withImages(
  messages: readonly HistoryEntry[],
  attachments: ReadonlyMap<string, readonly Upload[]>,
  store: BlobStore = getBlobStore(),
): Promise<PromptEntry[]> {
  const withFiles = messages
    .filter((m) => attachments.get(m.id)?.some((u) => u.kind === 'image'))
    .slice(-RECENT_IMAGE_MESSAGES);
  const loaded = new Map(
    await Promise.all(
      withFiles.map(async (m) => {
        const images = attachments.get(m.id)!.filter((u) => u.kind === 'image');
        return [
          m.id,
          await Promise.all(images.map(async (u) => ({ mediaType: u.mediaType, data: await store.read(u.path) }))),
        ] as const;
      }),
    ),
  );
  return messages.map((m) => {
    const files = attachments.get(m.id) ?? [];
    const unheard = !m.text && files.some((u) => u.kind === 'audio');
    return {
      role: m.role,
      text: unheard ? UNHEARD_VOICE_NOTE : m.text,
      images: loaded.get(m.id),
    };
  });
}
