import { listOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { companionJsonSchema } from './json';

export const companionsApi: ApiGroup = {
  tag: { name: 'Companions', description: 'Who there is to talk to.' },
  components: [companionJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/companions',
      operationId: 'listCompanions',
      summary: 'List companions',
      description: 'The companions the caller can talk to, alphabetically.',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The companions.', schema: listOf(companionJsonSchema) }],
      errors: [401],
    },
    {
      method: 'get',
      path: '/api/v1/companions/{companion}',
      operationId: 'getCompanion',
      summary: 'Get a companion',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The companion.', schema: companionJsonSchema }],
      errors: [401, 404],
    },
  ],
};
