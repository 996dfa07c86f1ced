import type { JsonSchema, Method } from './operation';

/** The OpenAPI 3.1 document's own shapes, as the docs page reads them. */
export type Parameter = {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
};
export type MediaType = { schema: JsonSchema; example?: unknown };
export type ResponseObject = {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, JsonSchema>;
};
export type Operation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: {
    required: true;
    content: {
      'application/json'?: MediaType;
      'multipart/form-data'?: MediaType;
      'application/octet-stream'?: MediaType;
      'application/sdp'?: MediaType;
    };
  };
  responses: Record<string, ResponseObject>;
};
export type OpenApiDocument = {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};
