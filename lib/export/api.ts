import type { ApiGroup } from '@/lib/api/openapi/operation';
import { conversationExportJsonSchema } from './json';
import { conversationExportQuery } from './schemas';

export const exportApi: ApiGroup = {
  tag: { name: 'Export', description: 'Your conversations and your whole account, as files to keep.' },
  components: [conversationExportJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/conversations/{id}/export',
      operationId: 'exportConversation',
      summary: 'Download a conversation',
      description:
        'As a file (`Content-Disposition: attachment`): Markdown to read (`format=md`), or JSON with every message and its details (`format=json`, the `ConversationExport` schema).',
      auth: 'key or session',
      query: conversationExportQuery,
      success: [
        {
          kind: 'binary',
          status: 200,
          description: 'The conversation as a file.',
          mediaTypes: ['text/markdown', 'application/json'],
        },
      ],
      errors: [400, 401, 404],
    },
    {
      method: 'get',
      path: '/api/v1/users/me/export',
      operationId: 'exportAccount',
      summary: 'Download all your data',
      description:
        'A zip, streamed as it is made: README.txt, account.json, every conversation as Markdown and JSON (conversations/), memories.json, shared-links.json, and your uploaded and generated files (uploads/, described in uploads.json).',
      auth: 'key or session',
      success: [{ kind: 'binary', status: 200, description: 'The zip.', mediaTypes: ['application/zip'] }],
      errors: [401],
    },
  ],
};
