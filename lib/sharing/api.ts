import { listOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { shareJsonSchema } from './json';
import { createShareRequest, listSharesQuery } from './schemas';

export const sharingApi: ApiGroup = {
  tag: {
    name: 'Shared links',
    description:
      'Read-only copies of a conversation that anyone with the link can open, without signing in. A copy holds the text of the messages as they were when it was made: later messages and edits, pictures, files and memories are never in it.',
  },
  components: [shareJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/shares',
      operationId: 'listShares',
      summary: 'List shared links',
      description: 'Your live links, newest first; `conversation` filters.',
      auth: 'key or session',
      query: listSharesQuery,
      success: [{ kind: 'json', status: 200, description: 'The links.', schema: listOf(shareJsonSchema) }],
      errors: [400, 401],
    },
    {
      method: 'post',
      path: '/api/v1/shares',
      operationId: 'createShare',
      summary: 'Share a conversation',
      description:
        'Copies the conversation’s text messages as they are now behind a new unguessable link. Your messages say “You” unless `show_name` is true. 409 past 200 live links.',
      auth: 'key or session',
      body: { schema: createShareRequest, example: { conversation: '00000000-0000-4000-8000-000000000000' } },
      success: [{ kind: 'json', status: 201, description: 'The new link.', schema: shareJsonSchema }],
      errors: [400, 401, 404, 409],
    },
    {
      method: 'delete',
      path: '/api/v1/shares/{id}',
      operationId: 'deleteShare',
      summary: 'Turn a shared link off',
      description: 'At once: the copy is deleted, and the link’s page says it was turned off.',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Turned off.' }],
      errors: [400, 401, 404],
    },
  ],
};
