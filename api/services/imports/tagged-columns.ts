import { badRequest } from '../../errors.ts';
import type { OpenedCsv } from './records.ts';

/**
 * One column a profile reads, found by its HXL hashtag (when the file has a hashtag row) or by its
 * header name. `tags` are patterns: a file's tag matches when it has the pattern's hashtag and at
 * least its attributes, and none that split the figure by sex, age or household
 * (`#affected+idps+ind` matches `#affected+idps+ind+total`, not `#affected+idps+f+ind`).
 */
export interface TaggedColumn<K extends string> {
  key: K;
  tags: readonly string[];
  /** Header names, compared without case, spaces or punctuation (`Admin 1 Pcode` = `admin1pcode`). */
  names: readonly string[];
  required?: boolean;
}

/** Attributes that make a figure a part (by sex, age, households) rather than the total. */
const PART_ATTRIBUTES = new Set(['f', 'm', 'female', 'male', 'children', 'adults', 'elderly', 'infants', 'hh']);

function parseTag(tag: string): { hashtag: string; attrs: string[] } {
  const [hashtag = '', ...attrs] = tag.toLowerCase().replace(/\s+/g, '').split('+');
  return { hashtag, attrs };
}

/** True when a file's HXL tag matches a pattern (see {@link TaggedColumn}). */
export function tagMatches(tag: string, pattern: string): boolean {
  const t = parseTag(tag);
  const p = parseTag(pattern);
  if (t.hashtag !== p.hashtag || !p.attrs.every((a) => t.attrs.includes(a))) return false;
  return t.attrs.every((a) => p.attrs.includes(a) || !(PART_ATTRIBUTES.has(a) || /^(age|hh)/.test(a)));
}

/** A header name reduced for comparison: lower case, letters and digits only. */
export const nameKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Where each column is (-1 when absent), and the file's own text for it (tag and header) for reports. */
export interface FoundColumns<K extends string> {
  index: Record<K, number>;
  label: Record<K, string>;
  /** The header names of the file (the row above the hashtags in HXL files, else the header). */
  names: readonly string[];
  /** The hashtags, or [] for a file without a hashtag row. */
  tags: readonly string[];
}

/**
 * Finds a profile's columns in a file with or without a hashtag row: by hashtag first (pattern
 * order, leftmost column), then by header name. A required column that is missing, or a column
 * found twice under the same tag or name, is a 400 naming it (the first tag, and the header name);
 * `what` says which kind of file was expected.
 */
export function findTaggedColumns<K extends string>(
  csv: Pick<OpenedCsv, 'format' | 'header' | 'labels'>,
  specs: readonly TaggedColumn<K>[],
  what: string,
): FoundColumns<K> {
  const tags = csv.format === 'hxl' ? csv.header : [];
  const names = csv.format === 'hxl' ? (csv.labels ?? []) : csv.header;
  const index = {} as Record<K, number>;
  const label = {} as Record<K, string>;
  const problems: { field: string; message: string }[] = [];
  const taken = new Set<number>();
  for (const spec of specs) {
    let at = -1;
    let same: number[] = [];
    for (const pattern of spec.tags) {
      at = tags.findIndex((t, i) => !taken.has(i) && tagMatches(t, pattern));
      if (at >= 0) {
        const norm = parseTag(tags[at]!);
        const key = [norm.hashtag, ...[...norm.attrs].sort()].join('+');
        same = tags.flatMap((t, i) => {
          const n = parseTag(t);
          return [n.hashtag, ...[...n.attrs].sort()].join('+') === key ? [i] : [];
        });
        break;
      }
    }
    if (at < 0) {
      const wanted = new Set(spec.names.map(nameKey));
      at = names.findIndex((n, i) => !taken.has(i) && wanted.has(nameKey(n)));
      if (at >= 0) same = names.flatMap((n, i) => (nameKey(n) === nameKey(names[at]!) ? [i] : []));
    }
    const field = spec.tags[0] ?? spec.names[0] ?? spec.key;
    if (same.length > 1)
      problems.push({
        field,
        message: `column '${(tags[at] || names[at])!.trim()}' appears ${same.length} times (columns ${same.map((i) => i + 1).join(', ')})`,
      });
    if (at < 0 && spec.required)
      problems.push({
        field,
        message: `${what} column ${spec.tags[0] ? `'${spec.tags[0]}' (header '${spec.names[0]}')` : `'${spec.names[0]}'`} is missing`,
      });
    index[spec.key] = at;
    if (at >= 0) {
      taken.add(at);
      label[spec.key] = [names[at], tags[at]].filter(Boolean).join(' ').trim();
    }
  }
  if (problems.length)
    throw badRequest(problems, `Not a ${what} file: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  return { index, label, names, tags };
}
