import {
  ResponseSerializationError,
  serializerCompiler as encodingSerializerCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * fastify-type-provider-zod's response serializer, with zod's forward pass where it gives the
 * same answer. The plugin validates every response with `safeEncode` (the backward direction,
 * for codecs), which walks any value that has checks twice — a canary pass, then the checks —
 * so on a list page validation took as long as JSON.stringify. For a schema made only of parts
 * that behave alike both ways (see sameBothWays), `safeParse` validates and strips unknown keys
 * exactly as `safeEncode` does; any other schema is left to the plugin.
 */
export const serializerCompiler: typeof encodingSerializerCompiler = (route) => {
  const { schema } = route;
  if (!(schema instanceof z.core.$ZodType) || !sameBothWays(schema)) {
    return encodingSerializerCompiler(route);
  }
  return (data) => {
    const result = z.safeParse(schema, data);
    if (result.error) {
      throw new ResponseSerializationError(route.method, route.url, { cause: result.error });
    }
    return JSON.stringify(result.data);
  };
};

/** Leaf types whose parse does not look at the direction. */
const LEAVES = new Set([
  'string',
  'number',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'unknown',
  'any',
  'never',
  'enum',
  'literal',
  'template_literal',
]);

/**
 * Whether parse and encode agree on this schema: it has no transforms, pipes, codecs, defaults,
 * catches, coercion or custom refinements (which see the input when encoding and the output
 * when parsing), and every container holds only such parts. Anything not listed counts as "no".
 */
export function sameBothWays(schema: z.core.$ZodType, seen = new Set<z.core.$ZodType>()): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    coerce?: boolean;
    shape?: Record<string, z.core.$ZodType>;
    catchall?: z.core.$ZodType;
    element?: z.core.$ZodType;
    innerType?: z.core.$ZodType;
    options?: z.core.$ZodType[];
    keyType?: z.core.$ZodType;
    valueType?: z.core.$ZodType;
  };
  if (def.coerce || def.checks?.some((c) => c._zod.def.check === 'custom')) return false;
  const all = (parts: (z.core.$ZodType | undefined)[]) =>
    parts.every((p) => p === undefined || sameBothWays(p, seen));
  switch (def.type) {
    case 'object':
      return all([...Object.values(def.shape!), def.catchall]);
    case 'array':
      return all([def.element]);
    case 'optional':
    case 'nullable':
      return all([def.innerType]);
    case 'union':
      return all(def.options!);
    case 'record':
      return all([def.keyType, def.valueType]);
    default:
      return LEAVES.has(def.type);
  }
}
