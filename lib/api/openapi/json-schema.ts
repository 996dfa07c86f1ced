import { z } from 'zod';
import type { JsonSchema } from './operation';

const COMPONENT_PREFIX = '#/components/schemas/';

export const componentRef = (name: string): JsonSchema => ({ $ref: `${COMPONENT_PREFIX}${name}` });

/** JSON Schema 2020-12, OpenAPI 3.1's own dialect, of what a client sends. */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  const converted: JsonSchema = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  delete converted.$schema;
  return converted;
}

/** A component's name: the `id` its schema was given with `.meta()`, beside its serializer. */
function componentName(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('A response component has no `.meta({ id })` to name it.');
  return id;
}

/**
 * What the API answers with, converted together: the named components, and each operation's
 * response schema, where a component (nested too) becomes a `#/components/schemas/<Name>` ref.
 */
export function responseJsonSchemas(components: z.ZodType[], responses: z.ZodType[]) {
  const registry = z.registry<{ id: string }>();
  for (const schema of components) registry.add(schema, { id: componentName(schema) });
  const names = new Set(components.map(componentName));
  const anonymous = new Map<z.ZodType, string>();
  for (const schema of responses) {
    if (registry.has(schema) || anonymous.has(schema)) continue;
    anonymous.set(schema, `__response${anonymous.size}`);
    registry.add(schema, { id: anonymous.get(schema)! });
  }
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  });
  // A nested schema with an id that is not among the components would land in "__shared" $defs.
  if ('__shared' in schemas)
    throw new Error(
      `Named response schemas missing from their group's components: ${Object.keys(schemas.__shared!.$defs ?? {}).join(', ')}`,
    );
  const body = (id: string): JsonSchema => {
    const converted: JsonSchema = { ...schemas[id] };
    delete converted.$schema;
    delete converted.$id;
    return converted;
  };
  return {
    components: Object.fromEntries([...names].map((name) => [name, body(name)])),
    response: (schema: z.ZodType): JsonSchema =>
      anonymous.has(schema) ? body(anonymous.get(schema)!) : componentRef(componentName(schema)),
  };
}
