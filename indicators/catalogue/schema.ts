import { z } from 'zod';
import type { Catalogue, ExploitationForm, Framework, Indicator, IndicatorGroup } from '../types.ts';
import { CATALOGUE_STATUSES, FRAMEWORK_IDS, OBSERVATION_LEVELS, RELEVANCES } from '../vocabulary.ts';

const text = z.string().refine((s) => s.trim().length > 0, { message: 'must not be empty' });
const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, {
  message: 'must be lower-case letters, digits, dots, dashes or underscores',
});

/** A framework record. Unknown keys are rejected so that typos in an imported file surface. */
export const FrameworkSchema = z.strictObject({
  id: z.enum(FRAMEWORK_IDS),
  title: text,
  shortTitle: text,
  publisher: text,
  year: z.number().int().min(1900).max(2100),
  citation: text,
  note: text,
});

/** An indicator group (risk factor, signal area, dimension or theme). */
export const GroupSchema = z.strictObject({
  id,
  framework: z.enum(FRAMEWORK_IDS),
  label: text,
  description: text,
  citation: text,
  status: z.enum(CATALOGUE_STATUSES),
});

/** How an indicator is measured. */
export const MeasurementSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('severity'), max: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('count'), saturation: z.number().positive(), unit: text }),
  z.strictObject({ kind: z.literal('rate'), saturation: z.number().positive(), unit: text }),
  z.strictObject({ kind: z.literal('binary') }),
]);

/** One indicator. */
export const IndicatorSchema = z.strictObject({
  id,
  framework: z.enum(FRAMEWORK_IDS),
  group: id,
  label: text,
  description: text,
  relevance: z.enum(RELEVANCES),
  forms: z.array(id),
  measurement: MeasurementSchema,
  weight: z.number().positive(),
  persistenceMonths: z.number().int().positive(),
  level: z.enum(OBSERVATION_LEVELS),
  citation: text,
  status: z.enum(CATALOGUE_STATUSES),
});

/** One form of exploitation. */
export const FormSchema = z.strictObject({
  id,
  parent: id.nullable(),
  label: text,
  definition: text,
  citation: text,
});

/** A whole catalogue version. Shape only: {@link validateCatalogue} adds the cross-reference checks. */
export const CatalogueSchema = z.strictObject({
  version: text,
  frameworks: z.array(FrameworkSchema),
  groups: z.array(GroupSchema),
  indicators: z.array(IndicatorSchema),
  forms: z.array(FormSchema),
});

// Compile-time guarantees that the schemas and the domain types describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [
  Same<z.infer<typeof FrameworkSchema>, Framework>,
  Same<z.infer<typeof GroupSchema>, IndicatorGroup>,
  Same<z.infer<typeof FormSchema>, ExploitationForm>,
  z.infer<typeof IndicatorSchema> extends Indicator ? true : false,
  z.infer<typeof CatalogueSchema> extends Catalogue ? true : false,
] = [true, true, true, true, true];
void schemasMatchTypes;

/** One problem found in a catalogue: where (dot path into the input) and what. */
export interface CatalogueError {
  path: string;
  message: string;
}

/** Result of {@link validateCatalogue}: the typed catalogue, or every problem found. */
export type CatalogueValidation = { ok: true; catalogue: Catalogue } | { ok: false; errors: CatalogueError[] };

/**
 * Checks an untrusted catalogue (e.g. an admin's import) for shape and referential integrity:
 * unique ids per collection, ids prefixed by their framework, groups and forms that exist, groups
 * of the same framework, form parents that exist without cycles, and no duplicate indicator labels.
 * Pure: no I/O, never throws on bad input.
 *
 * @example
 * const result = validateCatalogue(JSON.parse(text));
 * if (!result.ok) console.table(result.errors); // [{ path: 'indicators.3.group', message: '…' }]
 */
export function validateCatalogue(input: unknown): CatalogueValidation {
  const parsed = CatalogueSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const catalogue = parsed.data;
  const errors = referenceErrors(catalogue);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, catalogue };
}

function duplicateIds(collection: string, items: readonly { id: string }[]): CatalogueError[] {
  const seen = new Map<string, number>();
  const errors: CatalogueError[] = [];
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else
      errors.push({
        path: `${collection}.${i}.id`,
        message: `duplicate id '${item.id}' (first at ${collection}.${first})`,
      });
  });
  return errors;
}

function referenceErrors(catalogue: Catalogue): CatalogueError[] {
  const errors: CatalogueError[] = [
    ...duplicateIds('frameworks', catalogue.frameworks),
    ...duplicateIds('groups', catalogue.groups),
    ...duplicateIds('indicators', catalogue.indicators),
    ...duplicateIds('forms', catalogue.forms),
  ];
  const frameworkIds = new Set(catalogue.frameworks.map((f) => f.id));
  const groupsById = new Map(catalogue.groups.map((g) => [g.id, g]));
  const formsById = new Map(catalogue.forms.map((f) => [f.id, f]));

  catalogue.groups.forEach((g, i) => {
    if (!frameworkIds.has(g.framework)) {
      errors.push({ path: `groups.${i}.framework`, message: `unknown framework '${g.framework}' for group '${g.id}'` });
    }
    if (!g.id.startsWith(`${g.framework}.`)) {
      errors.push({ path: `groups.${i}.id`, message: `group id '${g.id}' must start with '${g.framework}.'` });
    }
  });

  const labels = new Map<string, number>();
  catalogue.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (!frameworkIds.has(ind.framework)) {
      errors.push({
        path: `${at}.framework`,
        message: `unknown framework '${ind.framework}' for indicator '${ind.id}'`,
      });
    }
    if (!ind.id.startsWith(`${ind.framework}.`)) {
      errors.push({ path: `${at}.id`, message: `indicator id '${ind.id}' must start with '${ind.framework}.'` });
    }
    const group = groupsById.get(ind.group);
    if (!group) {
      errors.push({ path: `${at}.group`, message: `unknown group '${ind.group}' for indicator '${ind.id}'` });
    } else if (group.framework !== ind.framework) {
      errors.push({
        path: `${at}.group`,
        message: `group '${ind.group}' belongs to '${group.framework}', not to '${ind.framework}'`,
      });
    }
    ind.forms.forEach((form, j) => {
      if (!formsById.has(form)) {
        errors.push({
          path: `${at}.forms.${j}`,
          message: `unknown exploitation form '${form}' for indicator '${ind.id}'`,
        });
      }
    });
    const key = ind.label.trim().toLowerCase();
    const first = labels.get(key);
    if (first === undefined) labels.set(key, i);
    else errors.push({ path: `${at}.label`, message: `duplicate label '${ind.label}' (first at indicators.${first})` });
  });

  catalogue.forms.forEach((form, i) => {
    if (form.parent === null) return;
    if (!formsById.has(form.parent)) {
      errors.push({ path: `forms.${i}.parent`, message: `unknown parent form '${form.parent}' for form '${form.id}'` });
    } else if (hasCycle(form.id, formsById)) {
      errors.push({ path: `forms.${i}.parent`, message: `form '${form.id}' is its own ancestor` });
    }
  });
  return errors;
}

function hasCycle(start: string, formsById: ReadonlyMap<string, ExploitationForm>): boolean {
  const visited = new Set<string>();
  let current = formsById.get(start)?.parent ?? null;
  while (current !== null) {
    if (current === start || visited.has(current)) return true;
    visited.add(current);
    current = formsById.get(current)?.parent ?? null;
  }
  return false;
}
