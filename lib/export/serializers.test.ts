import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '@/lib/conversations/messages';
import type { ConversationSummary } from '@/lib/conversations/queries';
import { conversationExportJsonSchema } from './json';
import { exportFile } from './conversation';
import { attachment, downloadName } from './filename';
import { conversationMarkdown } from './markdown';

const conversation: ConversationSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  title: 'Planning the trip to Zürich',
  model: 'offline/hearth-demo',
  language: 'en-US',
  companionId: '22222222-2222-4222-8222-222222222222',
  createdAt: new Date('2026-12-01T18:30:00Z'),
  updatedAt: new Date('2026-12-01T19:00:00Z'),
  pinnedAt: null,
  archivedAt: null,
  companion: {
    id: '22222222-2222-4222-8222-222222222222',
    slug: 'sage',
    name: 'Sage',
    avatarUrl: '/avatars/sage.svg',
    accentColor: '#7c9a6d',
  },
};

function message(over: Partial<StoredMessage> & Pick<StoredMessage, 'role' | 'parts'>): StoredMessage {
  return {
    id: crypto.randomUUID(),
    status: 'complete',
    source: 'text',
    error: null,
    model: over.role === 'assistant' ? 'offline/hearth-demo' : null,
    inputTokens: null,
    outputTokens: null,
    ttftMs: null,
    latencyMs: null,
    costUsd: null,
    usageEstimated: false,
    fallbacks: null,
    rating: null,
    createdAt: new Date('2026-12-01T18:31:00Z'),
    parentId: null,
    alternatives: [],
    ...over,
  };
}

const messages = [
  message({ role: 'assistant', parts: [{ type: 'text', text: 'Hello! Where are we going?' }] }),
  message({
    role: 'user',
    parts: [
      { type: 'text', text: 'Zürich, in **March**.' },
      {
        type: 'file',
        mediaType: 'image/png',
        url: '/api/v1/uploads/33333333-3333-4333-8333-333333333333/content',
        filename: 'map.png',
      },
    ],
  }),
  message({ role: 'assistant', status: 'aborted', parts: [{ type: 'text', text: '- Pack a coat\n- Take the' }] }),
];
const now = new Date('2026-12-06T10:00:00Z');

describe('a conversation as Markdown', () => {
  const markdown = conversationMarkdown(conversation, messages, now);

  it('opens with the title, the companion and the dates', () => {
    expect(markdown.startsWith('# Planning the trip to Zürich\n\n')).toBe(true);
    expect(markdown).toContain(
      'A conversation with Sage on Hearth, started 2026-12-01 18:30 UTC, exported 2026-12-06 10:00 UTC.',
    );
  });

  it('gives each message under who said it, in order, its text as written', () => {
    const headings = [...markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Sage', 'You', 'Sage']);
    expect(markdown.indexOf('Hello! Where are we going?')).toBeLessThan(markdown.indexOf('Zürich, in **March**.'));
    expect(markdown).toContain('- Pack a coat\n- Take the');
  });

  it('names attachments and says when a reply was stopped', () => {
    expect(markdown).toContain('*Attached: map.png (image/png)*');
    expect(markdown).toContain('*(stopped before the end)*');
  });

  it('leaves out what is not the conversation: model ids and file addresses', () => {
    expect(markdown).not.toContain('offline/hearth-demo');
    expect(markdown).not.toContain('/api/v1/uploads');
  });
});

describe('a conversation as JSON', () => {
  const file = exportFile({ conversation, messages }, 'json', now);
  const parsed: unknown = JSON.parse(file.text);

  it('matches its documented schema, with every message and its details', () => {
    const exported = conversationExportJsonSchema.parse(parsed);
    expect(exported.conversation).toMatchObject({
      id: conversation.id,
      title: conversation.title,
      companion: { slug: 'sage' },
    });
    expect(exported.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['assistant', 'Hello! Where are we going?', 'complete'],
      ['user', 'Zürich, in **March**.', 'complete'],
      ['assistant', '- Pack a coat\n- Take the', 'aborted'],
    ]);
    expect(exported.messages[1]!.attachments).toEqual(['33333333-3333-4333-8333-333333333333']);
    expect(exported.exported_at).toBe('2026-12-06T10:00:00.000Z');
  });

  it('is named after the title and the day, as JSON', () => {
    expect(file.fileName).toBe('planning-the-trip-to-zurich-2026-12-06.json');
    expect(file.contentType).toMatch(/^application\/json/);
  });
});

describe('download names', () => {
  it('keep ASCII letters and digits, drop accents, and fall back when nothing is left', () => {
    const day = new Date('2026-01-02T23:59:59Z');
    expect(downloadName('Ça va? "Yes" / no', day, 'md')).toBe('ca-va-yes-no-2026-01-02.md');
    expect(downloadName('日本語', day, 'md')).toBe('conversation-2026-01-02.md');
    expect(downloadName('x'.repeat(300), day, 'md')).toBe(`${'x'.repeat(60)}-2026-01-02.md`);
    expect(attachment('a-2026-01-02.md')).toBe('attachment; filename="a-2026-01-02.md"');
  });
});
