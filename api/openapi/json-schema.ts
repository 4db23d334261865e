import { z } from 'zod';
import { LensSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = { [key: string]: unknown };

/** What JSON Schema cannot say about a few shared zod schemas (a `refine` has no schema of its own). */
const HINTS = new Map<unknown, JsonSchema>([
  [PeriodSchema, { pattern: '^\\d{4}-(0[1-9]|1[0-2])$', examples: ['2017-07'] }],
  [RegionCodeSchema, { examples: ['IQ-NI'] }],
  [LensSchema, { examples: ['tip'] }],
  [ScenarioSchema, { examples: ['baseline'] }],
]);

const REF = /"#\/\$defs\/([^"]+)"/g;

/**
 * Converts a zod schema to JSON Schema as a client sends or reads it (`io: 'input'`: defaults are
 * shown and optional, coercions show their input type). Shapes named with `.meta({ id })` (shared by
 * several routes) become `$ref`s to `#/components/schemas/{id}`, and their definitions are added to
 * `components`; `.meta()` descriptions and examples are kept.
 */
export function toJsonSchema(schema: z.ZodType, components: Record<string, JsonSchema>): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const hint = HINTS.get(ctx.zodSchema);
      if (hint) Object.assign(ctx.jsonSchema, hint);
    },
  }) as JsonSchema;
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = JSON.parse(JSON.stringify(out).replace(REF, '"#/components/schemas/$1"')) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = def;
  return rest;
}

/** One problem with one input field, as every 4xx body names it. */
export const FieldErrorShape = z
  .object({
    field: z.string().meta({ examples: ['period'] }),
    message: z.string().meta({ examples: ['must be a month written YYYY-MM (e.g. 2014-08)'] }),
  })
  .meta({ id: 'FieldError' });

/** The body of every error response. */
export const ErrorEnvelopeShape = z
  .object({
    error: z.object({
      code: z.string().meta({
        description:
          'Stable machine-readable code, e.g. invalid_request, invalid_csv, unauthorized, invalid_token, forbidden, csrf, not_found, conflict, import_rejected, payload_too_large, rate_limited, internal',
        examples: ['invalid_request'],
      }),
      message: z.string().meta({ examples: ['Invalid query: period must be a month written YYYY-MM (e.g. 2014-08)'] }),
      fields: z
        .array(FieldErrorShape)
        .optional()
        .meta({ description: 'On a 400 (and on rejected imports): each bad field and what is wrong with it' }),
    }),
  })
  .meta({
    id: 'ErrorEnvelope',
    description: 'Every error: `{ error: { code, message, fields? } }`; a 400 names each bad field.',
  });
