import type { z } from 'zod';
import type { MediaType, Operation, Parameter, ResponseObject } from './document-types';
import { ERROR_DESCRIPTIONS } from './errors';
import { componentRef, requestJsonSchema } from './json-schema';
import type { ApiOperation, Auth, JsonSchema } from './operation';

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  public: [],
  'key or session': [{ apiKey: [] }, { sessionCookie: [] }],
  'session only': [{ sessionCookie: [] }],
};

const PATH_PARAMETERS: Record<string, Parameter> = {
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
  messageId: { name: 'messageId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
  companion: {
    name: 'companion',
    in: 'path',
    required: true,
    description: 'A slug or an id.',
    schema: { type: 'string' },
  },
};

/** A response schema as the document shows it: a component's ref, or the shape itself. */
type ResponseSchema = (schema: z.ZodType) => JsonSchema;

function queryParameters(query: z.ZodType): Parameter[] {
  const { properties = {}, required = [] } = requestJsonSchema(query) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema,
  }));
}

function content(success: ApiOperation['success'][number], responseSchema: ResponseSchema): Record<string, MediaType> {
  switch (success.kind) {
    case 'json':
      return { 'application/json': { schema: responseSchema(success.schema) } };
    case 'events':
      return { 'text/event-stream': { schema: { type: 'string' }, example: success.example } };
    case 'json or events':
      return {
        'application/json': { schema: responseSchema(success.schema) },
        'text/event-stream': { schema: { type: 'string' }, example: success.example },
      };
    case 'binary':
      return Object.fromEntries(
        success.mediaTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
      );
    case 'redirect':
    case 'empty':
      return {};
  }
}

function responses(operation: ApiOperation, responseSchema: ResponseSchema): Record<string, ResponseObject> {
  const result: Record<string, ResponseObject> = {};
  for (const success of operation.success) {
    const media = content(success, responseSchema);
    const headers =
      success.kind === 'redirect'
        ? { headers: { Location: { description: success.location, schema: { type: 'string', format: 'uri' } } } }
        : {};
    result[success.status] = {
      description: success.description,
      ...(Object.keys(media).length ? { content: media } : {}),
      ...headers,
    };
  }
  // Every call counts against a per-minute limit: the caller's, and their client address's. A
  // write with the session cookie from another origin, or with a body of another type, is refused.
  const cookieWrite = operation.method !== 'get' && operation.auth !== 'public';
  const typed = cookieWrite && Boolean(operation.body || operation.multipart);
  const statuses = [
    ...new Set([
      ...operation.errors,
      ...(cookieWrite ? [403 as const] : []),
      ...(typed ? [415 as const] : []),
      429 as const,
    ]),
  ].sort((a, b) => a - b);
  for (const status of statuses) {
    result[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { 'application/json': { schema: componentRef('Error') } },
    };
  }
  return result;
}

/** One operation as the OpenAPI document describes it, under its feature's tag. */
export function operationObject(tag: string, operation: ApiOperation, responseSchema: ResponseSchema): Operation {
  const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => PATH_PARAMETERS[name!]!);
  const parameters = [...pathParameters, ...(operation.query ? queryParameters(operation.query) : [])];
  return {
    operationId: operation.operationId,
    tags: [tag],
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    security: SECURITY[operation.auth],
    ...(parameters.length > 0 && { parameters }),
    ...((operation.body || operation.multipart || operation.binary || operation.sdp) && {
      requestBody: {
        required: true,
        content: {
          ...(operation.body && {
            'application/json': { schema: requestJsonSchema(operation.body.schema), example: operation.body.example },
          }),
          ...(operation.multipart && { 'multipart/form-data': { schema: operation.multipart } }),
          ...(operation.binary && {
            'application/octet-stream': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream', description: operation.binary },
            },
          }),
          ...(operation.sdp && { 'application/sdp': { schema: { type: 'string', description: operation.sdp } } }),
        },
      },
    }),
    responses: responses(operation, responseSchema),
  };
}
