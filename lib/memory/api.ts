import type { ApiGroup } from '@/lib/api/openapi/operation';
import { forgottenJsonSchema, memoriesJsonSchema, memoryJsonSchema } from './json';
import { memorySettingsRequest, updateMemoryRequest } from './schemas';

export const memoryApi: ApiGroup = {
  tag: { name: 'Memory', description: 'What companions remember about you, and the switches for it.' },
  components: [memoryJsonSchema, memoriesJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/companions/{companion}/memories',
      operationId: 'listMemories',
      summary: 'What a companion remembers about you',
      description:
        'Its own memories and the general ones (shared by all companions once you opt in), newest first, with the two switches.',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The memories and settings.', schema: memoriesJsonSchema }],
      errors: [401, 404],
    },
    {
      method: 'patch',
      path: '/api/v1/companions/{companion}/memories',
      operationId: 'updateMemorySettings',
      summary: 'Switch memory on or off, or share general memories',
      description:
        '`enabled`: whether this companion remembers and recalls. `shared`: whether general memories (name, city, work, family) are shared by every companion.',
      auth: 'key or session',
      body: { schema: memorySettingsRequest, example: { enabled: true, shared: false } },
      success: [
        { kind: 'json', status: 200, description: 'The memories and the new settings.', schema: memoriesJsonSchema },
      ],
      errors: [400, 401, 404],
    },
    {
      method: 'delete',
      path: '/api/v1/companions/{companion}/memories',
      operationId: 'forgetMemories',
      summary: 'Forget everything',
      description: 'Deletes, for good, all this companion remembers, the shared general memories included.',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'How many were deleted.', schema: forgottenJsonSchema }],
      errors: [401, 404],
    },
    {
      method: 'patch',
      path: '/api/v1/memories/{id}',
      operationId: 'updateMemory',
      summary: 'Rewrite a memory',
      auth: 'key or session',
      body: { schema: updateMemoryRequest, example: { content: 'Lives in Rotterdam, near the harbour.' } },
      success: [{ kind: 'json', status: 200, description: 'The memory.', schema: memoryJsonSchema }],
      errors: [400, 401, 404],
    },
    {
      method: 'delete',
      path: '/api/v1/memories/{id}',
      operationId: 'deleteMemory',
      summary: 'Delete a memory',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Deleted.' }],
      errors: [400, 401, 404],
    },
  ],
};
