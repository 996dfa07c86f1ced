import { pageOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { conversationJsonSchema } from './json';
import { createConversationRequest, listConversationsQuery, updateConversationRequest } from './schemas';

export const conversationsApi: ApiGroup = {
  tag: { name: 'Conversations', description: 'Conversations with a companion.' },
  components: [conversationJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/conversations',
      operationId: 'listConversations',
      summary: 'List conversations',
      description: "The caller's conversations, most recently active first; `companion` (slug or id) filters.",
      auth: 'key or session',
      query: listConversationsQuery,
      success: [
        { kind: 'json', status: 200, description: 'A page of conversations.', schema: pageOf(conversationJsonSchema) },
      ],
      errors: [400, 401],
    },
    {
      method: 'post',
      path: '/api/v1/conversations',
      operationId: 'createConversation',
      summary: 'Start a conversation',
      description: "It opens with the companion's greeting.",
      auth: 'key or session',
      body: { schema: createConversationRequest, example: { companion: 'sage', title: 'Evening chat' } },
      success: [{ kind: 'json', status: 201, description: 'The new conversation.', schema: conversationJsonSchema }],
      errors: [400, 401, 404, 503],
    },
    {
      method: 'get',
      path: '/api/v1/conversations/{id}',
      operationId: 'getConversation',
      summary: 'Get a conversation',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The conversation.', schema: conversationJsonSchema }],
      errors: [400, 401, 404],
    },
    {
      method: 'patch',
      path: '/api/v1/conversations/{id}',
      operationId: 'updateConversation',
      summary: 'Rename a conversation or switch its model',
      description: "503 when the new model's provider is not configured.",
      auth: 'key or session',
      body: { schema: updateConversationRequest, example: { title: 'Planning the trip' } },
      success: [
        { kind: 'json', status: 200, description: 'The updated conversation.', schema: conversationJsonSchema },
      ],
      errors: [400, 401, 404, 503],
    },
    {
      method: 'delete',
      path: '/api/v1/conversations/{id}',
      operationId: 'deleteConversation',
      summary: 'Delete a conversation and its messages',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Deleted.' }],
      errors: [400, 401, 404],
    },
  ],
};
