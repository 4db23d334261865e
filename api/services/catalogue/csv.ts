import { parse, CsvError } from 'csv-parse/sync';
import { CATALOGUE_STATUSES, MEASUREMENTS, OBSERVATION_LEVELS, RELEVANCES } from '../../../indicators/index.ts';
import type { Catalogue, FrameworkId, Indicator, IndicatorGroup } from '../../../indicators/index.ts';

/** One problem in an uploaded catalogue file: the spreadsheet row (header = 1) when known, the column or path, and what is wrong. */
export interface ImportProblem {
  row?: number;
  field: string;
  message: string;
}

/** Columns a framework list may have, in the order the documentation lists them. */
export const CSV_COLUMNS = [
  'id',
  'framework',
  'group',
  'group_label',
  'group_description',
  'label',
  'description',
  'relevance',
  'forms',
  'measurement',
  'max',
  'saturation',
  'unit',
  'weight',
  'persistence_months',
  'level',
  'citation',
  'status',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns a new indicator (an id not in the current catalogue) must fill. */
export const REQUIRED_FOR_NEW: readonly CsvColumn[] = ['group', 'label', 'description', 'relevance', 'citation'];

/** Values a new indicator gets for cells left blank. */
export const CSV_DEFAULTS = {
  measurement: 'severity',
  max: 4,
  weight: 1,
  persistenceMonths: 6,
  level: 'area',
  status: 'official-number',
} as const;

const ALIASES: Readonly<Record<string, CsvColumn>> = {
  persistence: 'persistence_months',
  persistencemonths: 'persistence_months',
  scale: 'max',
  type: 'measurement',
  grouplabel: 'group_label',
  groupdescription: 'group_description',
};

const ENUMS: readonly [CsvColumn, readonly string[]][] = [
  ['relevance', RELEVANCES],
  ['measurement', MEASUREMENTS],
  ['level', OBSERVATION_LEVELS],
  ['status', CATALOGUE_STATUSES],
];

/** One data row of a framework list: its spreadsheet row number and its non-empty cells. */
export interface CsvRow {
  row: number;
  cells: Partial<Record<CsvColumn, string>>;
}

const normalise = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Reads a framework's indicator list from CSV: header names are matched case-insensitively (spaces
 * and dashes count as `_`), unknown columns are refused so that typos surface, and blank cells are
 * dropped. Never throws on bad input.
 */
export function parseIndicatorCsv(text: string): { rows: CsvRow[]; problems: ImportProblem[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false }) as string[][];
  } catch (e) {
    const line = e instanceof CsvError ? (e as CsvError & { lines?: number }).lines : undefined;
    return {
      rows: [],
      problems: [
        { ...(line ? { row: line } : {}), field: 'file', message: `not readable as CSV: ${(e as Error).message}` },
      ],
    };
  }
  const [header, ...data] = records;
  if (!header)
    return {
      rows: [],
      problems: [{ field: 'file', message: 'is empty: expected a header row and one row per indicator' }],
    };
  const problems: ImportProblem[] = [];
  const columns = header.map((h) => {
    const name = normalise(h);
    const col = (CSV_COLUMNS as readonly string[]).includes(name)
      ? (name as CsvColumn)
      : ALIASES[name.replace(/_/g, '')];
    if (!col)
      problems.push({
        row: 1,
        field: h.trim() || '(blank header)',
        message: `unknown column; expected some of: ${CSV_COLUMNS.join(', ')}`,
      });
    return col;
  });
  columns.forEach((c, i) => {
    if (c && columns.indexOf(c) !== i) problems.push({ row: 1, field: c, message: 'column appears twice' });
  });
  if (!columns.includes('id'))
    problems.push({ row: 1, field: 'id', message: 'column is missing: every row needs an indicator id' });
  if (data.length === 0) problems.push({ field: 'file', message: 'has no indicator rows under the header' });
  const rows = data.map((values, i) => {
    const cells: CsvRow['cells'] = {};
    values.forEach((v, j) => {
      const col = columns[j];
      if (col && v.trim() !== '') cells[col] = v.trim();
    });
    return { row: i + 2, cells };
  });
  return { rows, problems };
}

/** How a framework list meets the catalogue in force: it replaces the framework's indicators, or only adds and updates. */
export type MergeMode = 'replace' | 'merge';

/** A catalogue assembled from a framework list, not yet validated, with the row behind each indicator and new group. */
export interface MergedCatalogue {
  candidate: {
    version: string;
    frameworks: Catalogue['frameworks'];
    groups: unknown[];
    indicators: unknown[];
    forms: Catalogue['forms'];
  };
  indicatorRow: Map<number, number>;
  groupRow: Map<number, number>;
  problems: ImportProblem[];
}

function numberCell(r: CsvRow, col: CsvColumn, problems: ImportProblem[]): number | undefined {
  const raw = r.cells[col];
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(',', '.'));
  if (raw === '' || !Number.isFinite(n)) {
    problems.push({ row: r.row, field: col, message: `'${raw}' is not a number` });
    return undefined;
  }
  return n;
}

function measurementOf(r: CsvRow, prev: Indicator | undefined, problems: ImportProblem[]): unknown {
  const kind = r.cells.measurement?.toLowerCase() ?? prev?.measurement.kind ?? CSV_DEFAULTS.measurement;
  const keep = prev?.measurement.kind === kind ? (prev.measurement as Record<string, unknown>) : {};
  const max = numberCell(r, 'max', problems);
  const saturation = numberCell(r, 'saturation', problems);
  const unused = (col: CsvColumn) =>
    r.cells[col] !== undefined &&
    problems.push({ row: r.row, field: col, message: `is not used by a ${kind} measurement; leave it blank` });
  switch (kind) {
    case 'severity':
      unused('saturation');
      unused('unit');
      return { kind, max: max ?? keep.max ?? CSV_DEFAULTS.max };
    case 'count':
    case 'rate': {
      unused('max');
      const m = { kind, saturation: saturation ?? keep.saturation, unit: r.cells.unit ?? keep.unit };
      if (m.saturation === undefined && r.cells.saturation === undefined)
        problems.push({
          row: r.row,
          field: 'saturation',
          message: `is required for a ${kind} measurement (the value at which it counts as maximal)`,
        });
      if (m.unit === undefined)
        problems.push({
          row: r.row,
          field: 'unit',
          message: `is required for a ${kind} measurement (e.g. events, people)`,
        });
      return m;
    }
    case 'binary':
      unused('max');
      unused('saturation');
      unused('unit');
      return { kind };
    default:
      return { kind };
  }
}

function formsOf(r: CsvRow): string[] | undefined {
  const raw = r.cells.forms;
  if (raw === undefined) return undefined;
  if (raw === '-' || raw.toLowerCase() === 'none') return [];
  return raw
    .split(/[;|]/)
    .map((f) => f.trim())
    .filter(Boolean);
}

/**
 * Merges a framework's indicator list into the catalogue in force, as the catalogue `version`.
 * Rows whose id exists keep their current value for every blank cell; new ids must fill
 * {@link REQUIRED_FOR_NEW} and take {@link CSV_DEFAULTS} for the rest. A row may define a new group
 * with `group_label` (and `group_description`). In `replace` mode the framework's indicators not
 * listed are dropped (they will be retired); in `merge` mode they stay. Other frameworks are untouched.
 * Pure; the result still has to pass `validateCatalogue`.
 */
export function mergeFrameworkList(
  current: Catalogue,
  framework: FrameworkId,
  rows: readonly CsvRow[],
  mode: MergeMode,
  version: string,
): MergedCatalogue {
  const problems: ImportProblem[] = [];
  const existing = new Map(current.indicators.map((i) => [i.id, i]));
  const knownForms = new Set(current.forms.map((f) => f.id));
  const groups: IndicatorGroup[] = [...current.groups];
  const groupRow = new Map<number, number>();
  const definedAt = new Map<string, CsvRow>();
  /** A row's group_label (and group_description) creates its group, or relabels one of this framework. */
  const defineGroup = (id: string, r: CsvRow) => {
    const label = r.cells.group_label!;
    const first = definedAt.get(id);
    if (first) {
      if (first.cells.group_label !== label)
        problems.push({
          row: r.row,
          field: 'group_label',
          message: `group '${id}' was already labelled '${first.cells.group_label}' on row ${first.row}`,
        });
      return;
    }
    definedAt.set(id, r);
    const index = groups.findIndex((g) => g.id === id);
    const before = groups[index];
    if (before && before.framework !== framework) {
      problems.push({
        row: r.row,
        field: 'group',
        message: `group '${id}' belongs to the '${before.framework}' framework`,
      });
      return;
    }
    const group: IndicatorGroup = {
      id,
      framework,
      label,
      description: r.cells.group_description ?? before?.description ?? label,
      citation: before?.citation ?? r.cells.citation ?? '',
      status: before?.status ?? ((r.cells.status ?? CSV_DEFAULTS.status) as IndicatorGroup['status']),
    };
    groupRow.set(index < 0 ? groups.length : index, r.row);
    if (index < 0) groups.push(group);
    else groups[index] = group;
  };
  const listed: unknown[] = [];
  const rowOfListed: number[] = [];

  for (const r of rows) {
    const c = r.cells;
    if (!c.id) {
      problems.push({ row: r.row, field: 'id', message: 'is empty: every row needs an indicator id' });
      continue;
    }
    if (c.framework && c.framework !== framework) {
      problems.push({
        row: r.row,
        field: 'framework',
        message: `is '${c.framework}' but this file is imported as the '${framework}' list`,
      });
    }
    if (!c.id.startsWith(`${framework}.`))
      problems.push({
        row: r.row,
        field: 'id',
        message: `'${c.id}' must start with '${framework}.' in the ${framework} list`,
      });
    const prev = existing.get(c.id);
    if (prev && prev.framework !== framework) {
      problems.push({
        row: r.row,
        field: 'id',
        message: `'${c.id}' belongs to the '${prev.framework}' framework, not '${framework}'`,
      });
      continue;
    }
    if (!prev)
      for (const col of REQUIRED_FOR_NEW)
        if (c[col] === undefined)
          problems.push({
            row: r.row,
            field: col,
            message: `is required for a new indicator ('${c.id}' is not in the current catalogue)`,
          });
    const group = c.group ?? prev?.group;
    if (group && c.group_label) defineGroup(group, r);
    else if (c.group && !groups.some((g) => g.id === c.group))
      problems.push({
        row: r.row,
        field: 'group',
        message: `'${c.group}' is not a group of the catalogue; name it in group_label to create it`,
      });
    for (const [col, allowed] of ENUMS) {
      const v = c[col]?.toLowerCase();
      if (v !== undefined && !allowed.includes(v))
        problems.push({ row: r.row, field: col, message: `'${c[col]}' is not one of ${allowed.join(', ')}` });
    }
    const forms = formsOf(r);
    for (const f of forms ?? [])
      if (!knownForms.has(f))
        problems.push({
          row: r.row,
          field: 'forms',
          message: `'${f}' is not an exploitation form id (see GET /api/exploitation-forms)`,
        });
    rowOfListed.push(r.row);
    listed.push({
      id: c.id,
      framework,
      group: group ?? '',
      label: c.label ?? prev?.label ?? '',
      description: c.description ?? prev?.description ?? '',
      relevance: c.relevance?.toLowerCase() ?? prev?.relevance ?? '',
      forms: forms ?? (prev ? [...prev.forms] : []),
      measurement: measurementOf(r, prev, problems),
      weight: numberCell(r, 'weight', problems) ?? prev?.weight ?? CSV_DEFAULTS.weight,
      persistenceMonths:
        numberCell(r, 'persistence_months', problems) ?? prev?.persistenceMonths ?? CSV_DEFAULTS.persistenceMonths,
      level: c.level?.toLowerCase() ?? prev?.level ?? CSV_DEFAULTS.level,
      citation: c.citation ?? prev?.citation ?? '',
      status: c.status?.toLowerCase() ?? prev?.status ?? CSV_DEFAULTS.status,
    });
  }

  const listedIds = new Set(listed.map((i) => (i as Indicator).id));
  const kept = current.indicators.filter(
    (i) => (i.framework !== framework || mode === 'merge') && !listedIds.has(i.id),
  );
  const indicators = [...kept, ...listed];
  const indicatorRow = new Map(rowOfListed.map((row, k) => [kept.length + k, row]));
  return {
    candidate: { version, frameworks: current.frameworks, groups, indicators, forms: current.forms },
    indicatorRow,
    groupRow,
    problems,
  };
}

const FIELD_OF: Readonly<Record<string, CsvColumn>> = {
  persistenceMonths: 'persistence_months',
  'measurement.kind': 'measurement',
  'measurement.max': 'max',
  'measurement.saturation': 'saturation',
  'measurement.unit': 'unit',
};

/**
 * Turns a validation path of a merged catalogue (`indicators.12.persistenceMonths`) into the row and
 * column of the CSV it came from; paths that no row produced are returned as they are.
 */
export function locateProblem(
  path: string,
  merged: Pick<MergedCatalogue, 'indicatorRow' | 'groupRow'>,
): Omit<ImportProblem, 'message'> {
  const m = /^(indicators|groups)\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!m) return { field: path };
  const [, collection, index, rest = 'id'] = m;
  const row = (collection === 'indicators' ? merged.indicatorRow : merged.groupRow).get(Number(index));
  if (row === undefined) return { field: path };
  if (collection === 'groups')
    return {
      row,
      field:
        rest === 'label'
          ? 'group_label'
          : rest === 'description'
            ? 'group_description'
            : rest === 'id'
              ? 'group'
              : rest,
    };
  const key = rest.replace(/^forms\.\d+$/, 'forms');
  return { row, field: FIELD_OF[key] ?? (key.startsWith('measurement') ? 'measurement' : key) };
}

const quote = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One framework's indicators as a CSV list in the import format (every column; the group's label and
 * description on the first row of each group): the starting point for an admin who adds an official
 * list. Importing it unchanged changes nothing.
 */
export function frameworkCsv(catalogue: Catalogue, framework: FrameworkId): string {
  const header = CSV_COLUMNS.filter((c) => c !== 'framework');
  const groups = new Map(catalogue.groups.map((g) => [g.id, g]));
  const seen = new Set<string>();
  const lines = catalogue.indicators
    .filter((i) => i.framework === framework)
    .map((i) => {
      const group = groups.get(i.group);
      const first = !seen.has(i.group);
      seen.add(i.group);
      const m = i.measurement;
      const cells: Record<Exclude<CsvColumn, 'framework'>, string | number> = {
        id: i.id,
        group: i.group,
        group_label: first && group ? group.label : '',
        group_description: first && group ? group.description : '',
        label: i.label,
        description: i.description,
        relevance: i.relevance,
        forms: i.forms.length ? i.forms.join(';') : '-',
        measurement: m.kind,
        max: m.kind === 'severity' ? m.max : '',
        saturation: m.kind === 'count' || m.kind === 'rate' ? m.saturation : '',
        unit: m.kind === 'count' || m.kind === 'rate' ? m.unit : '',
        weight: i.weight,
        persistence_months: i.persistenceMonths,
        level: i.level,
        citation: i.citation,
        status: i.status,
      };
      return header.map((c) => quote(cells[c as Exclude<CsvColumn, 'framework'>])).join(',');
    });
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
