import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi/document';

const API_DIR = path.join(process.cwd(), 'app', 'api', 'v1');
// Both `export async function GET(` and `export const GET = apiRoute(…)`. OPTIONS answers CORS
// preflights and is not an operation of its own.
const EXPORTED_METHOD = /export\s+(?:async\s+function|function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g;

/** `METHOD /api/v1/…` for every handler a route.ts under app/api/v1 exports, `[id]` read as `{id}`. */
async function routeOperations(): Promise<string[]> {
  const files = (await readdir(API_DIR, { recursive: true })).filter((file) => path.basename(file) === 'route.ts');
  const operations = await Promise.all(
    files.map(async (file) => {
      const urlPath = ['/api/v1', ...path.dirname(file).split(path.sep)]
        .filter((segment) => segment !== '.')
        .map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}'))
        .join('/');
      const source = await readFile(path.join(API_DIR, file), 'utf8');
      return [...source.matchAll(EXPORTED_METHOD)].map(([, method]) => `${method} ${urlPath}`);
    }),
  );
  return operations.flat().sort();
}

function documentedOperations(): string[] {
  return Object.entries(openApiDocument().paths)
    .flatMap(([urlPath, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${urlPath}`))
    .sort();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument()));
    expect(result).toEqual({ valid: true });
    expect(validator.version).toBe('3.1');
  });

  it('catches a document that is not valid', async () => {
    const broken = { ...structuredClone(openApiDocument()), info: { title: 'No version' } };
    expect(await new Validator().validate(broken)).toMatchObject({ valid: false });
  });

  it('documents exactly the handlers the routes under app/api/v1 export', async () => {
    const routes = await routeOperations();
    expect(routes.length).toBeGreaterThan(15);
    expect(documentedOperations()).toEqual(routes);
  });

  it('takes request schemas from the zod schemas the routes validate with', () => {
    const postMessage = openApiDocument().paths['/api/v1/conversations/{id}/messages']?.post;
    const body = postMessage?.requestBody?.content['application/json']?.schema;
    expect(body).toMatchObject({
      additionalProperties: false,
      properties: { stream: { type: 'boolean', default: false }, attachments: { type: 'array', maxItems: 5 } },
    });
    const rating = openApiDocument().paths['/api/v1/conversations/{id}/messages/{messageId}/rating'];
    expect(rating?.put?.requestBody?.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
      required: ['value'],
    });
    expect(JSON.stringify(rating?.put?.requestBody)).toMatch(/"const":-1/);
    expect(rating?.delete?.parameters?.map((p) => p.name)).toEqual(['id', 'messageId']);
    const usage = openApiDocument().paths['/api/v1/usage']?.get?.parameters?.map((p) => p.name);
    expect(usage).toEqual(['from', 'to', 'group_by']);
  });
});
