import { z } from 'zod';
import {
  CATALOGUE_LANGS,
  CATALOGUE_STATUSES,
  FRAMEWORK_IDS,
  MEASUREMENTS,
  OBSERVATION_LEVELS,
  RELEVANCES,
} from '../../indicators/index.ts';
import type { ResourceDoc } from './route-doc.ts';

const Status = z.enum(CATALOGUE_STATUSES).meta({
  description:
    'official-number: numbered as in the source; paraphrase: in our words, unnumbered; added: a Vigil addition',
});

const Translation = z
  .object({
    label: z.string(),
    lang: z
      .enum(CATALOGUE_LANGS)
      .meta({ description: 'The language of the label: the one asked for, or en where the entry is not translated' }),
    review: z
      .enum(['reviewed', 'needs-review'])
      .optional()
      .meta({ description: 'Whether a native-speaking reviewer has confirmed the translation' }),
    en: z.string().meta({ description: 'The English label' }),
  })
  .optional()
  .meta({ id: 'Translation', description: 'Present when ?lang= asks for another language than English' });

const Framework = z
  .object({
    id: z.enum(FRAMEWORK_IDS),
    title: z.string(),
    shortTitle: z.string(),
    publisher: z.string(),
    year: z.number().int(),
    citation: z.string(),
    note: z.string(),
    translation: Translation,
  })
  .meta({ id: 'Framework' });

const IndicatorGroup = z
  .object({
    id: z.string().meta({ examples: ['afac.rf7'] }),
    framework: z.enum(FRAMEWORK_IDS),
    label: z.string(),
    description: z.string(),
    citation: z.string(),
    status: Status,
    translation: Translation,
  })
  .meta({ id: 'IndicatorGroup', description: 'A risk factor or category of a framework' });

const Indicator = z
  .object({
    id: z.string().meta({ examples: ['afac.7.9'] }),
    framework: z.enum(FRAMEWORK_IDS),
    group: z.string(),
    label: z.string(),
    description: z.string(),
    relevance: z
      .enum(RELEVANCES)
      .meta({ description: 'Trafficking relevance: direct counts more than indirect in the trafficking lens' }),
    forms: z.array(z.string()).meta({ description: 'Ids of the exploitation forms it signals' }),
    measurement: z
      .object({
        kind: z.enum(MEASUREMENTS),
        max: z.number().optional(),
        saturation: z.number().optional(),
        unit: z.string().optional(),
      })
      .meta({ description: 'severity 0..max, count or rate normalised up to saturation, or binary' }),
    plausible: z.object({ min: z.number(), max: z.number(), integer: z.boolean() }).optional().meta({
      description:
        'The values a write or an import accepts, from the measurement: severity 0..max, binary 0 or 1, a rate in % 0..100, a count 0..100 × saturation; whole numbers when integer (GET /api/indicators; a stored catalogue version lists measurements only)',
    }),
    weight: z.number(),
    persistenceMonths: z.number().int(),
    level: z.enum(OBSERVATION_LEVELS),
    citation: z.string(),
    status: Status,
    translation: Translation,
  })
  .meta({ id: 'Indicator' });

const ExploitationForm = z
  .object({
    id: z.string().meta({ examples: ['sexual_slavery'] }),
    parent: z.string().nullable(),
    label: z.string(),
    definition: z.string(),
    citation: z.string(),
    translation: Translation,
  })
  .meta({ id: 'ExploitationForm' });

const CatalogueDiff = z
  .object({
    from: z.string().nullable(),
    to: z.string(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
    records: z
      .array(
        z.object({
          kind: z.enum(['framework', 'group', 'form']),
          id: z.string(),
          change: z.enum(['added', 'removed', 'changed']),
          fields: z.array(z.string()).optional(),
        }),
      )
      .optional(),
  })
  .meta({
    id: 'CatalogueDiff',
    description: 'Indicators added, removed (retired) and changed against the version before',
  });

const CatalogueVersion = z
  .object({
    id: z.string().meta({ examples: ['2026.1'] }),
    source: z.string(),
    loadedAt: z.string(),
    loadedBy: z.string().nullable().meta({ description: 'Null for anonymous readers' }),
    isCurrent: z.boolean(),
    diff: CatalogueDiff.nullable(),
  })
  .meta({ id: 'CatalogueVersion' });

const Problem = z.object({ row: z.number().int().optional(), field: z.string(), message: z.string() });

const CatalogueImportReport = z
  .object({
    ok: z.boolean(),
    dryRun: z.boolean(),
    format: z.enum(['json', 'csv']),
    framework: z.enum(FRAMEWORK_IDS).nullable(),
    mode: z.enum(['replace', 'merge']).nullable(),
    version: z.string().nullable(),
    from: z.string().nullable(),
    errors: z.array(Problem),
    warnings: z.array(Problem),
    diff: CatalogueDiff.nullable(),
    counts: z.object({ indicators: z.number().int(), byFramework: z.record(z.string(), z.number().int()) }).nullable(),
    recomputed: z.number().int().optional(),
  })
  .meta({ id: 'CatalogueImportReport' });

/** Frameworks, indicators, groups, exploitation forms and catalogue versions. */
export const catalogueDoc: ResourceDoc = {
  name: 'Catalogue',
  description:
    'The indicator catalogue in force: the four frameworks, their risk factors (groups) and indicators flagged for trafficking relevance, the forms of exploitation, and every catalogue version loaded.',
  routes: [
    {
      method: 'get',
      path: '/api/frameworks',
      summary: 'The four frameworks of the catalogue in force',
      responses: { 200: { description: 'Frameworks', shape: z.array(Framework) } },
      example: '/api/frameworks',
    },
    {
      method: 'get',
      path: '/api/indicators',
      summary: 'Indicators in force, filtered',
      description:
        'An empty value means any; an unknown parameter name is a 400 (a typo would otherwise widen the answer).',
      params: {
        framework: 'Only this framework',
        relevance: 'Only this trafficking relevance',
        form: 'Only indicators signalling this exploitation form (see /api/exploitation-forms)',
        group: 'Only this risk factor or category (see /api/indicator-groups)',
      },
      responses: { 200: { description: 'Indicators', shape: z.array(Indicator) } },
      example: '/api/indicators?framework=tip&relevance=direct',
    },
    {
      method: 'get',
      path: '/api/indicator-groups',
      summary: 'Risk factors and categories',
      params: { framework: 'Only this framework' },
      responses: { 200: { description: 'Groups', shape: z.array(IndicatorGroup) } },
      example: '/api/indicator-groups?framework=afac',
    },
    {
      method: 'get',
      path: '/api/exploitation-forms',
      summary: 'Forms of exploitation',
      responses: { 200: { description: 'Forms, in a shallow hierarchy', shape: z.array(ExploitationForm) } },
      example: '/api/exploitation-forms?lang=fr',
    },
    {
      method: 'get',
      path: '/api/catalogue/versions',
      summary: 'Every catalogue version loaded, newest first, with its diff',
      responses: { 200: { description: 'Versions', shape: z.array(CatalogueVersion) } },
      example: '/api/catalogue/versions',
    },
    {
      method: 'get',
      path: '/api/catalogue/versions/:id',
      summary: 'One catalogue version with the full catalogue as loaded',
      params: { id: 'Version label, e.g. 2026.1' },
      responses: {
        200: {
          description: 'The version and its snapshot',
          shape: CatalogueVersion.extend({
            snapshot: z.object({
              version: z.string(),
              frameworks: z.array(Framework),
              groups: z.array(IndicatorGroup),
              indicators: z.array(Indicator),
              forms: z.array(ExploitationForm),
            }),
          }),
        },
      },
      errors: { 404: 'No such version' },
      example: '/api/catalogue/versions/2026.1',
    },
    {
      method: 'post',
      path: '/api/catalogue/versions',
      summary: 'Load a new catalogue version (a whole catalogue as JSON, or one framework’s list as CSV)',
      description:
        'A dry run answers 200 with the report and writes nothing. Otherwise the new version comes into force and scores are recomputed (201), or the file is rejected with its report and nothing is written (422).',
      params: {
        dryRun: 'Check only (`true`, `1` or empty)',
        format: 'json or csv; default from Content-Type',
        framework: 'For a CSV: the framework it lists',
        version: 'Label of the new version (default: the next one)',
        mode: 'For a CSV: replace the framework’s list, or merge into it',
        source: 'Where the file comes from, for the record',
      },
      body: {
        description:
          'A whole catalogue as JSON, or one framework’s indicator list as CSV (columns as `vigil catalogue export` writes them; see docs/catalogue.md)',
        contentTypes: ['application/json', 'text/csv'],
      },
      responses: {
        200: { description: 'Dry run: the report', shape: CatalogueImportReport },
        201: { description: 'Loaded: the report', shape: CatalogueImportReport },
      },
      errors: { 422: 'Rejected: `{ error, report }`, nothing written' },
    },
  ],
};
