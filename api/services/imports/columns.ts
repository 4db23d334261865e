import { badRequest } from '../../errors.ts';

/** The fields an import row can carry. */
export const IMPORT_FIELDS = [
  'region',
  'district',
  'country',
  'indicator',
  'period',
  'value',
  'confidence',
  'source',
  'url',
  'locator',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields a file must have a column for (a region may come from `district`, `region`, `country` or several). */
const REQUIRED: readonly ImportField[] = ['indicator', 'period', 'value', 'source'];

/**
 * HXL hashtags (with attributes) recognised for each field. A column's tag matches a pattern when it
 * has the pattern's hashtag and at least its attributes; the most specific pattern wins, so
 * `#indicator+value` is a value while `#indicator+code` is an indicator id.
 */
export const HXL_PATTERNS: Record<ImportField, readonly string[]> = {
  region: ['#adm1+code', '#adm1+pcode', '#adm1+name', '#adm1'],
  district: ['#adm2+code', '#adm2+pcode', '#adm2+name', '#adm2'],
  country: ['#country+code', '#country+name', '#country'],
  indicator: ['#indicator+code', '#indicator+id', '#indicator'],
  period: ['#date+month', '#date'],
  value: ['#value', '#indicator+value', '#indicator+num'],
  confidence: ['#meta+confidence'],
  source: ['#meta+source', '#meta+citation'],
  url: ['#meta+url', '#meta+source+url'],
  locator: ['#meta+locator'],
  note: ['#meta+note', '#description'],
};

/** Plain header names recognised for each field (compared lower-case, spaces and dashes as underscores). */
export const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  region: ['region', 'region_code', 'adm1', 'adm1_code', 'adm1_pcode', 'adm1_name', 'pcode', 'admin1'],
  district: ['district', 'district_code', 'adm2', 'adm2_code', 'adm2_pcode', 'adm2_name', 'admin2'],
  country: ['country', 'country_code', 'iso3', 'adm0'],
  indicator: ['indicator', 'indicator_id', 'indicator_code'],
  period: ['period', 'month', 'date'],
  value: ['value', 'severity'],
  confidence: ['confidence'],
  source: ['source', 'citation', 'source_citation'],
  url: ['url', 'source_url', 'link'],
  locator: ['locator', 'source_locator'],
  note: ['note', 'notes', 'comment'],
};

/** Where each field is in a file: its column index and the header text to show in reports. */
export type ColumnMap = Partial<Record<ImportField, { index: number; label: string }>>;

/** A row of HXL hashtags: every non-empty cell starts with `#` and at least one cell is not empty. */
export function isHashtagRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length > 0 && filled.every((c) => /^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$/i.test(c.trim()));
}

function parseTag(tag: string): { hashtag: string; attrs: Set<string> } {
  const [hashtag = '', ...attrs] = tag.toLowerCase().replace(/\s+/g, '').split('+');
  return { hashtag, attrs: new Set(attrs) };
}

function hxlField(tag: string): ImportField | undefined {
  const t = parseTag(tag);
  let best: { field: ImportField; n: number } | undefined;
  for (const field of IMPORT_FIELDS) {
    for (const pattern of HXL_PATTERNS[field]) {
      const p = parseTag(pattern);
      if (p.hashtag !== t.hashtag || ![...p.attrs].every((a) => t.attrs.has(a))) continue;
      if (!best || p.attrs.size > best.n) best = { field, n: p.attrs.size };
    }
  }
  return best?.field;
}

/**
 * Refuses (400) a file whose column for a field appears twice under the same header or hashtag: which
 * one holds the values is then a guess. (Different columns for one field, such as `#adm1+name` and
 * `#adm1+code`, are fine: the first is read.)
 */
function refuseRepeatedColumns(headers: readonly string[], map: ColumnMap, norm: (s: string) => string): ColumnMap {
  for (const [field, c] of Object.entries(map)) {
    const same = headers.flatMap((h, i) => (norm(h) === norm(headers[c.index]!) ? [i + 1] : []));
    if (same.length > 1)
      throw badRequest(
        [{ field, message: `column '${c.label}' appears ${same.length} times (columns ${same.join(', ')})` }],
        'The file repeats a column',
      );
  }
  return map;
}

/** Maps an HXL hashtag row to fields; the first column for a field wins; a repeated hashtag is a 400. */
export function mapHxlColumns(tags: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  tags.forEach((tag, index) => {
    const field = tag.trim() ? hxlField(tag) : undefined;
    if (field && !map[field]) map[field] = { index, label: tag.trim() };
  });
  return refuseRepeatedColumns(tags, map, (t) => {
    const { hashtag, attrs } = parseTag(t);
    return [hashtag, ...[...attrs].sort()].join('+');
  });
}

const key = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Parses a column mapping given by the user: `field=Header` pairs separated by commas
 * (`region=Province,value=Score`) or a JSON object (`{"region":"Province"}`). 400 on unknown fields.
 */
export function parseMapping(text: string | undefined): Partial<Record<ImportField, string>> {
  if (!text?.trim()) return {};
  let pairs: [string, unknown][];
  try {
    pairs = text.trim().startsWith('{')
      ? Object.entries(JSON.parse(text) as object)
      : text.split(',').map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()]);
  } catch {
    throw badRequest([
      { field: 'mapping', message: 'must be field=Header pairs separated by commas, or a JSON object' },
    ]);
  }
  const out: Partial<Record<ImportField, string>> = {};
  for (const [field, header] of pairs) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field))
      throw badRequest([
        { field: 'mapping', message: `'${field}' is not a field; fields are ${IMPORT_FIELDS.join(', ')}` },
      ]);
    if (typeof header !== 'string' || !header)
      throw badRequest([{ field: 'mapping', message: `'${field}' needs a column header` }]);
    out[field as ImportField] = header;
  }
  return out;
}

/** Maps plain headers to fields: the explicit mapping first, then the recognised header names. */
export function mapPlainColumns(headers: readonly string[], mapping: Partial<Record<ImportField, string>>): ColumnMap {
  const map: ColumnMap = {};
  for (const [field, header] of Object.entries(mapping) as [ImportField, string][]) {
    const index = headers.findIndex((h) => h.trim().toLowerCase() === header.trim().toLowerCase());
    if (index < 0)
      throw badRequest([
        { field: 'mapping', message: `no column '${header}' for ${field} (columns: ${headers.join(', ')})` },
      ]);
    map[field] = { index, label: headers[index]!.trim() };
  }
  const taken = new Set(Object.values(map).map((c) => c.index));
  for (const field of IMPORT_FIELDS) {
    if (map[field]) continue;
    const index = headers.findIndex((h, i) => !taken.has(i) && HEADER_NAMES[field].includes(key(h)));
    if (index >= 0) {
      map[field] = { index, label: headers[index]!.trim() };
      taken.add(index);
    }
  }
  return refuseRepeatedColumns(headers, map, key);
}

/** Throws a 400 naming each required field the file has no column for. */
export function requireColumns(map: ColumnMap, format: 'hxl' | 'csv'): void {
  const missing = REQUIRED.filter((f) => !map[f]);
  if (!map.region && !map.district && !map.country) missing.unshift('region');
  if (!missing.length) return;
  throw badRequest(
    missing.map((f) => ({
      field: f,
      message:
        format === 'hxl'
          ? `no column tagged ${HXL_PATTERNS[f].slice(0, 2).join(' or ')}`
          : `no column named ${HEADER_NAMES[f]
              .slice(0, 2)
              .map((n) => `'${n}'`)
              .join(' or ')} (or map one: mapping=${f}=<header>)`,
    })),
    'The file lacks required columns',
  );
}
