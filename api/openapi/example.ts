import type { JsonSchema } from './json-schema.ts';

const DEPTH = 6;

/** A lower bound worth showing (zod gives every integer the safe-integer range). */
const bounded = (min: unknown) => (typeof min === 'number' && min > Number.MIN_SAFE_INTEGER ? min : undefined);

/**
 * A plausible value for a JSON Schema, for the API page: the schema's own example, const, default or
 * first enum value where it has one, else a placeholder of its type; arrays hold one item, `$ref`s
 * are followed into `components`. Deterministic, so the page is the same on every request.
 * @example exampleOf({ type: 'array', items: { type: 'string', examples: ['2017-07'] } }, {}) // ['2017-07']
 */
export function exampleOf(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (!schema || depth > DEPTH) return null;
  const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
  if (ref) return exampleOf(components[ref], components, depth + 1);
  const examples = schema.examples as unknown[] | undefined;
  if (examples?.length) return examples[0];
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  const choices = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (choices?.length) return exampleOf(choices.find((c) => c.type !== 'null') ?? choices[0], components, depth + 1);
  const enumValues = schema.enum as unknown[] | undefined;
  if (enumValues?.length) return enumValues[0];
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(v, components, depth + 1)]));
    }
    case 'array':
      return [exampleOf(schema.items as JsonSchema | undefined, components, depth + 1)];
    case 'string':
      return 'text';
    case 'integer':
      return bounded(schema.minimum) ?? 1;
    case 'number':
      return bounded(schema.minimum) ?? 0.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}
