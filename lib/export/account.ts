import { isoTimestamp, isoTimestampOrNull } from '@/lib/api/openapi/shapes';
import { listConversations } from '@/lib/conversations/queries';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { memoryJson } from '@/lib/memory/json';
import { listPersonas } from '@/lib/profile/persona-queries';
import type { UserPersona } from '@/lib/profile/persona-schemas';
import { listSharedLinks } from '@/lib/sharing/queries';
import { sharePath } from '@/lib/sharing/json';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { exportFile, readConversation } from './conversation';
import { fileStem } from './filename';
import { listAllMemories, listUploadsAfter, readAccount, type ExportedUpload } from './queries';
import type { ZipEntry } from './zip';

const PAGE = 20;

const README = `Everything Hearth keeps about your account, as of the export's date.

account.json          your account: name, email, when it was made
conversations/        every conversation twice: .md to read, .json with every detail
memories.json         what your companions remember about you
persona.json          what you told your companions about yourself, and what you told one alone
shared-links.json     the conversations you shared by link, and their addresses
uploads/              the pictures, voice notes and files you sent or were made for you
uploads.json          what each file in uploads/ is, and which conversation it belongs to
`;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export type AccountExportOptions = { db?: Database; store?: BlobStore; now?: Date; origin: string };

/**
 * The entries of a whole-account export, made one at a time as the zip asks for them: each
 * conversation is read in a transaction of its own and each file from storage by itself, so
 * neither the archive nor the account's data is ever in memory at once, and no transaction stays
 * open while the download waits for the network.
 */
export async function* accountExportEntries(
  user: UserScope,
  { db, store = getBlobStore(), now = new Date(), origin }: AccountExportOptions,
): AsyncGenerator<ZipEntry> {
  const scoped = <T>(fn: (tx: Queryable) => Promise<T>) => withUser(user, fn, db);
  yield { name: 'README.txt', data: README, modifiedAt: now };

  const account = await scoped(readAccount);
  yield {
    name: 'account.json',
    data: json(
      account && {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
        guest: account.isGuest,
        email_verified_at: isoTimestampOrNull(account.emailVerifiedAt),
        created_at: isoTimestamp(account.createdAt),
        exported_at: isoTimestamp(now),
      },
    ),
    modifiedAt: now,
  };

  let cursor: string | null = null;
  do {
    const page = await scoped((tx) => listConversations(tx, { limit: PAGE, cursor }));
    for (const summary of page.items) {
      const read = await scoped((tx) => readConversation(tx, summary.id));
      if (!read) continue; // deleted meanwhile
      const base = `conversations/${fileStem(read.conversation.title, read.conversation.createdAt)}-${summary.id.slice(0, 8)}`;
      const modifiedAt = new Date(read.conversation.updatedAt);
      yield { name: `${base}.md`, data: exportFile(read, 'md', now).text, modifiedAt };
      yield { name: `${base}.json`, data: exportFile(read, 'json', now).text, modifiedAt };
    }
    cursor = page.nextCursor;
  } while (cursor);

  const memories = await scoped(listAllMemories);
  yield {
    name: 'memories.json',
    data: json(memories.map((m) => ({ companion: m.companionName, ...memoryJson(m) }))),
    modifiedAt: now,
  };

  const personas = await scoped(listPersonas);
  const persona = ({ name, pronouns, about }: UserPersona) => ({ name, pronouns, about });
  const usual = personas.find((p) => p.companion === null);
  yield {
    name: 'persona.json',
    data: json({
      usual: usual ? persona(usual) : null,
      companions: personas.filter((p) => p !== usual).map((p) => ({ companion: p.companion, ...persona(p) })),
    }),
    modifiedAt: now,
  };

  const links = await scoped((tx) => listSharedLinks(tx));
  yield {
    name: 'shared-links.json',
    data: json(
      links.map((l) => ({
        url: new URL(sharePath(l.token), origin).toString(),
        conversation_id: l.conversationId,
        title: l.title,
        companion: l.companionName,
        shows_name: l.showsName,
        message_count: l.messageCount,
        created_at: isoTimestamp(l.createdAt),
      })),
    ),
    modifiedAt: now,
  };

  const index: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (;;) {
    const uploads: ExportedUpload[] = await scoped((tx) => listUploadsAfter(tx, after, PAGE));
    for (const upload of uploads) {
      const name = `uploads/${upload.path.split('/').pop()}`;
      const bytes = await store.read(upload.path).catch(() => null);
      index.push({
        file: bytes ? name : null,
        missing: bytes ? undefined : 'The stored file could not be read.',
        id: upload.id,
        kind: upload.kind,
        source: upload.source,
        media_type: upload.mediaType,
        size_bytes: upload.sizeBytes,
        filename: upload.filename,
        conversation_id: upload.conversationId,
        message_id: upload.messageId,
        created_at: isoTimestamp(upload.createdAt),
      });
      if (bytes) yield { name, data: bytes, modifiedAt: new Date(upload.createdAt) };
    }
    if (uploads.length < PAGE) break;
    after = uploads.at(-1)!.id;
  }
  yield { name: 'uploads.json', data: json(index), modifiedAt: now };
}
