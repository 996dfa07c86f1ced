import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { apiKeyJson, apiKeyJsonSchema, createdApiKeyJson, createdApiKeyJsonSchema } from '@/lib/api-keys/json';
import { createApiKey, listApiKeys } from '@/lib/api-keys/keys';
import { callJson, callJsonSchema } from '@/lib/calls/json';
import { createCall, findCall } from '@/lib/calls/calls';
import { conversationJson, conversationJsonSchema } from '@/lib/conversations/json';
import { insertMessage } from '@/lib/conversations/messages';
import { messageJson, messageJsonSchema } from '@/lib/conversations/message-json';
import { pageOfMessages, startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { memoriesJson, memoriesJsonSchema } from '@/lib/memory/json';
import { insertMemory, listMemories } from '@/lib/memory/queries';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

/**
 * The compiler holds each serializer to its schema's types; what it cannot see is what the rows
 * bring at run time: formats (uuid, ISO dates) and keys beyond the type, from a JSON column say.
 * Parsing strips unknown keys, so an answer equal to its own parse has none.
 */
function expectSends<Schema extends z.ZodType>(schema: Schema, json: z.output<Schema>) {
  expect(schema.parse(json)).toEqual(json);
}

describe.each(TEST_DATABASES)('serializers for real rows on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };

  beforeAll(async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-test');
    db = await open();
    user = await createTestUser(db, 'serializers');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db?.close();
  });

  it('sends conversations and their messages, files included, as their schemas say', async () => {
    const conversation = await startConversation(user, { companion: 'ada', title: 'Schemas' }, db);
    expectSends(conversationJsonSchema, conversationJson(conversation));
    const parts = [
      { type: 'text', text: 'Look at this.' },
      {
        type: 'file',
        mediaType: 'image/png',
        url: `/api/v1/uploads/${crypto.randomUUID()}/content`,
        filename: 'sunset.png',
      },
    ];
    await withUser(
      user,
      (tx) => insertMessage(tx, { conversationId: conversation.id, role: 'user', text: '', status: 'complete', parts }),
      db,
    );
    const page = await pageOfMessages(user, conversation.id, { limit: 10 }, db);
    expect(page!.items.length).toBeGreaterThanOrEqual(2);
    for (const message of page!.items) expectSends(messageJsonSchema, messageJson(message));
  });

  it("sends a companion's memories, with an event's day, as their schema says", async () => {
    const { companion } = await startConversation(user, { companion: 'ada' }, db);
    const memories = await withUser(
      user,
      async (tx) => {
        const event = {
          kind: 'event' as const,
          subject: 'trip',
          content: 'Flies to Lisbon.',
          importance: 3,
          eventDate: '2026-05-01',
          general: false,
        };
        await insertMemory(tx, event, { companionId: companion.id, messageId: null, conversationId: null });
        return listMemories(tx, companion.id);
      },
      db,
    );
    expect(memories.map((m) => m.eventDate)).toContain('2026-05-01');
    expectSends(memoriesJsonSchema, memoriesJson({ enabled: true, shared: false }, memories));
  });

  it('sends calls and API keys as their schemas say', async () => {
    const call = await createCall(user, { companion: 'ada' }, db);
    expectSends(callJsonSchema, callJson(call));
    expectSends(callJsonSchema, callJson(await findCall(user, call.id, db)));
    expectSends(createdApiKeyJsonSchema, createdApiKeyJson(await createApiKey(user, 'Schemas', db)));
    for (const key of await listApiKeys(user, db)) expectSends(apiKeyJsonSchema, apiKeyJson(key));
  });
});
