export const MEMORY_KINDS = ['fact', 'preference', 'relationship', 'event'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

/** Something a companion remembers about a person. */
export type Memory = {
  id: string;
  /** null: about the person in general, shared by every companion they opted in for. */
  companionId: string | null;
  kind: MemoryKind;
  /** What the memory is about (home_city, relationship:sister); a newer statement on it replaces this one. */
  subject: string | null;
  content: string;
  /** 1 (trivia) to 5 (who they are). */
  importance: number;
  /** For events: the day it happens, as YYYY-MM-DD. */
  eventDate: string | null;
  sourceMessageId: string | null;
  sourceConversationId: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
};

/** A memory as an extractor proposes it, before it has an id. */
export type MemoryDraft = Pick<Memory, 'kind' | 'subject' | 'content' | 'importance' | 'eventDate'> & {
  /** True when it is about the person in general (name, city, work), so it may be shared. */
  general: boolean;
};

/** What extraction decides for the latest exchange. */
export type MemoryChange =
  { op: 'add'; memory: MemoryDraft } | { op: 'update'; id: string; memory: MemoryDraft } | { op: 'delete'; id: string };
