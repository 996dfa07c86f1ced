import { z } from 'zod';
import type { ApiGroup } from './operation';

export const referenceApi: ApiGroup = {
  tag: { name: 'Reference', description: 'This document, for code generators and tools.' },
  components: [],
  operations: [
    {
      method: 'get',
      path: '/api/v1/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI document',
      auth: 'public',
      success: [{ kind: 'json', status: 200, description: 'An OpenAPI 3.1 document.', schema: z.looseObject({}) }],
      errors: [],
    },
  ],
};
