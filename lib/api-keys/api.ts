import { listOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { apiKeyJsonSchema, createdApiKeyJsonSchema } from './json';
import { createApiKeyRequest } from './schemas';

export const apiKeysApi: ApiGroup = {
  tag: { name: 'API keys', description: 'Keys for scripts and apps.' },
  components: [apiKeyJsonSchema, createdApiKeyJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/api-keys',
      operationId: 'listApiKeys',
      summary: 'List API keys',
      description: 'The live keys: their prefixes, never the keys themselves.',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The keys.', schema: listOf(apiKeyJsonSchema) }],
      errors: [401],
    },
    {
      method: 'post',
      path: '/api/v1/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key',
      description:
        'The key is in this response only. Browser sessions only: a key cannot mint keys. Only for an account whose email address is confirmed (a 403 with code `email_not_verified` otherwise).',
      auth: 'session only',
      body: { schema: createApiKeyRequest, example: { name: 'Laptop script' } },
      success: [{ kind: 'json', status: 201, description: 'The new key.', schema: createdApiKeyJsonSchema }],
      errors: [400, 401, 403],
    },
    {
      method: 'delete',
      path: '/api/v1/api-keys/{id}',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      description: 'At once: the next request with it gets a 401.',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Revoked.' }],
      errors: [400, 401, 404],
    },
  ],
};
