import { listOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { modelJsonSchema } from './model-json';

export const modelsApi: ApiGroup = {
  tag: { name: 'Models', description: 'The model catalogue.' },
  components: [modelJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/models',
      operationId: 'listModels',
      summary: 'List models',
      description: 'The model catalogue and whether this deployment can use each model. Public: it holds no secrets.',
      auth: 'public',
      success: [{ kind: 'json', status: 200, description: 'The models.', schema: listOf(modelJsonSchema) }],
      errors: [],
    },
  ],
};
