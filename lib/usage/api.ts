import type { ApiGroup } from '@/lib/api/openapi/operation';
import { usageJsonSchema } from './json';
import { usageQuery } from './schemas';

export const usageApi: ApiGroup = {
  tag: { name: 'Usage', description: 'Tokens, cost and latency.' },
  components: [usageJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/usage',
      operationId: 'getUsage',
      summary: 'Usage and cost',
      description:
        "What the caller's replies used and cost: totals for the range (the last 30 days unless given) and, with `group_by`, per group. A bare date means that whole UTC day.",
      auth: 'key or session',
      query: usageQuery,
      success: [{ kind: 'json', status: 200, description: 'The report.', schema: usageJsonSchema }],
      errors: [400, 401],
    },
  ],
};
