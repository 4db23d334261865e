import { bandedCount, deriveMonitoringObservations, ruleForCategory } from '../../../indicators/index.ts';
import type { MonitoringCell, MonitoringRule } from '../../../indicators/index.ts';
import { sqliteAsync, type AsyncDb } from '../../../db/async.ts';
import { badRequest } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { isRealDate } from './dates.ts';
import { writeDerived } from './derived.ts';
import type { OpenedCsv } from './records.ts';
import { regionMatcherAsync } from './region-matcher.ts';
import type { ImportOptions, ImportReport } from './report.ts';
import type { RowRejection } from './rows.ts';
import { findTaggedColumns, nameKey, tagMatches, type TaggedColumn } from './tagged-columns.ts';
import type { ImportProfile, ProfileColumn, ProfileTemplate } from './profiles/profile.ts';

/** One column of an area-count template: its header, hashtag, other names it is known by, and the word reports use. */
interface CountColumn {
  header: string;
  tag: string;
  names: readonly string[];
  /** How the locator names the count: `verified`, `reported`, `identified`, … */
  word: string;
  description: string;
}

/**
 * A template for restricted monitoring data at area level (MRM, MARA, referral data): one row per
 * area, month and category, with a firm count (verified, formally identified), a tentative one
 * (reported, presumed) and optionally one more that is only shown (referred). Profiles built on it
 * differ only by this description and their rules (indicators/mapping/monitoring-rules.ts).
 */
export interface AreaCountSpec {
  profile: string;
  /** Short name in messages: `MRM`, `MARA`, `referral`. */
  what: string;
  rules: readonly MonitoringRule[];
  category: Omit<CountColumn, 'word'>;
  verified: CountColumn;
  reported: CountColumn;
  shown?: CountColumn;
  sourceKey: string;
  citation: string;
  url: string;
  instructions: readonly string[];
}

const AREA: readonly (readonly [string, string, readonly string[], string])[] = [
  ['Country (ISO3)', '#country+code', ['iso3', 'country', 'country_code'], 'Country code (ISO 3166 alpha-3) or name'],
  [
    'Admin 1 p-code',
    '#adm1+code',
    ['adm1_pcode', 'admin1pcode', 'adm1_code'],
    'First-level unit by p-code or ISO 3166-2 code',
  ],
  [
    'Admin 1 name',
    '#adm1+name',
    ['adm1_name', 'admin1name', 'admin1', 'area', 'region'],
    'Or by name; both blank: the whole country',
  ],
  ['Month', '#date+month', ['month', 'period', 'date'], 'YYYY-MM (a date gives its month)'],
];

/** The template's columns: the area, the month, the category and the counts. */
export function templateColumns(spec: AreaCountSpec): ProfileColumn[] {
  return [
    ...AREA.map(([header, tag, , description]) => ({
      name: `${header} ${tag}`,
      required: tag === '#date+month',
      description,
    })),
    { name: `${spec.category.header} ${spec.category.tag}`, required: true, description: spec.category.description },
    ...[spec.verified, spec.reported, ...(spec.shown ? [spec.shown] : [])].map((c, i) => ({
      name: `${c.header} ${c.tag}`,
      required: i < 2,
      description: c.description,
    })),
  ];
}

/**
 * What a profile built on an area-count template takes from its spec: the columns and template file,
 * detection by the category's hashtag, and the import on SQLite and through the awaited interface.
 */
export function areaCountProfileParts(
  spec: AreaCountSpec,
): Pick<ImportProfile, 'shape' | 'columns' | 'template' | 'detect' | 'run' | 'runAwaited'> {
  return {
    shape: 'observations',
    columns: templateColumns(spec),
    template: templateOf(spec),
    detect: (header) => header.some((h) => tagMatches(h, spec.category.tag)),
    run: (db, actor, csv, opts) => importAreaCounts(sqliteAsync(db), actor, csv, opts, spec),
    runAwaited: (data, actor, csv, opts) => importAreaCounts(data, actor, csv, opts, spec),
  };
}

/** The template file: a header row and a hashtag row. */
export function templateOf(spec: AreaCountSpec): ProfileTemplate {
  return {
    fileName: `vigil-${spec.profile}-template.csv`,
    columns: [
      ...AREA.map(([h, t]) => [h, t] as const),
      [spec.category.header, spec.category.tag],
      ...[spec.verified, spec.reported, ...(spec.shown ? [spec.shown] : [])].map((c) => [c.header, c.tag] as const),
    ],
    instructions: spec.instructions,
  };
}

/** The template as CSV text (CRLF-free, UTF-8). */
export function templateCsv(t: ProfileTemplate): string {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${t.columns.map(([h]) => q(h)).join(',')}\n${t.columns.map(([, tag]) => tag).join(',')}\n`;
}

/** Header words and hashtags of columns that could identify a person; the template holds area counts only. */
const PERSONAL: readonly { test: RegExp; why: string }[] = [
  {
    test: /^(names?|(first|last|sur|family|full|given|middle|victim|child|survivor|person|perpetrator|mother|father|guardian|case)s?names?|nameof.*)$/,
    why: 'a name',
  },
  { test: /dob|dateofbirth|birthdate|birthday|born/, why: 'a date of birth' },
  {
    test: /^((victim|child|survivor|exact)?age(years|atincident|ofvictim|ofchild)?)$/,
    why: 'an age, which next to a month can identify a child',
  },
  {
    test: /casenotes?|^notes?$|narrative|^description$|^comments?$|details|testimony|statement|^remarks$|^story$/,
    why: 'free text about a case',
  },
  {
    test: /caseid|casenumber|caseno|idnumber|passport|phone|email|address|gps|latitude|longitude/,
    why: 'a case or contact detail',
  },
];
const PERSONAL_TAGS: readonly { test: RegExp; why: string }[] = [
  { test: /^#(contact|beneficiary|respondent|victim|survivor|perpetrator)\b/, why: 'a person' },
  { test: /^#description\b|^#meta\+(note|comment)/, why: 'free text about a case' },
  { test: /^#affected\+.*\bname\b|^#geo\+(lat|lon)/, why: 'a name or a point' },
];

/** 400 naming each column that could identify a person (by header or hashtag); nothing is read or written. */
function refusePersonalColumns(csv: Pick<OpenedCsv, 'format' | 'header' | 'labels'>, what: string): void {
  const names = csv.format === 'hxl' ? (csv.labels ?? []) : csv.header;
  const tags = csv.format === 'hxl' ? csv.header : [];
  const problems: { field: string; message: string }[] = [];
  const n = Math.max(names.length, tags.length);
  for (let i = 0; i < n; i++) {
    const name = (names[i] ?? '').trim();
    const tag = (tags[i] ?? '').trim().toLowerCase().replace(/\s+/g, '');
    const hit =
      PERSONAL.find((p) => name && p.test.test(nameKey(name))) ?? PERSONAL_TAGS.find((p) => tag && p.test.test(tag));
    if (hit)
      problems.push({
        field: name || tag,
        message: `column ${i + 1} looks like ${hit.why}: the ${what} template holds counts per area and month only; delete the column and import again`,
      });
  }
  if (problems.length)
    throw badRequest(
      problems,
      `The file has columns that could identify a person: ${problems.map((p) => p.field).join(', ')}. Nothing was read or written.`,
    );
}

const MONTH = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?)?$/;
/** `YYYY-MM` of a month or date, or null. */
function monthOf(s: string): string | null {
  const m = MONTH.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  if (m[3] && !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]}`;
}

/** A whole count: `12`, `12.0`, `1,200`; empty is 0; anything else null. */
function wholeCount(s: string): number | null {
  const t = s.trim();
  if (!t) return 0;
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.0*)?$/.test(t)) return null;
  const n = Number(t.replace(/,/g, '').replace(/\.0*$/, ''));
  return Number.isSafeInteger(n) ? n : null;
}

type Key = 'country' | 'adm1Code' | 'adm1Name' | 'month' | 'category' | 'verified' | 'reported' | 'shown';

/**
 * Imports a filled area-count template, all or nothing: refuses columns that could identify a
 * person (400, before any row is read), finds the columns by hashtag or header, checks every row
 * (area within its country, month, category among the rules', whole counts, no repeated area,
 * month and category), sums per area, month and rule, derives values by the rules and writes them
 * as one batch keyed by the template's source key. Locators show counts under 5 as "<5".
 */
export async function importAreaCounts(
  data: AsyncDb,
  actor: Actor,
  csv: OpenedCsv,
  opts: ImportOptions,
  spec: AreaCountSpec,
): Promise<ImportReport> {
  refusePersonalColumns(csv, spec.what);
  const specs: TaggedColumn<Key>[] = [
    ...AREA.map(([header, tag, names], i) => ({
      key: (['country', 'adm1Code', 'adm1Name', 'month'] as const)[i]!,
      tags: [tag],
      names: [header, ...names],
      required: tag === '#date+month',
    })),
    {
      key: 'category',
      tags: [spec.category.tag],
      names: [spec.category.header, ...spec.category.names],
      required: true,
    },
    {
      key: 'verified',
      tags: [spec.verified.tag],
      names: [spec.verified.header, ...spec.verified.names],
      required: true,
    },
    {
      key: 'reported',
      tags: [spec.reported.tag],
      names: [spec.reported.header, ...spec.reported.names],
      required: true,
    },
    ...(spec.shown
      ? [{ key: 'shown' as const, tags: [spec.shown.tag], names: [spec.shown.header, ...spec.shown.names] }]
      : []),
  ];
  const found = findTaggedColumns(csv, specs, spec.what);
  const col = found.index;
  if (col.country < 0 && col.adm1Code < 0 && col.adm1Name < 0)
    throw badRequest(
      [
        {
          field: '#adm1+code',
          message: `${spec.what} column '#adm1+code', '#adm1+name' or '#country+code' is missing: rows have no area`,
        },
      ],
      `Not a ${spec.what} file: no area column`,
    );
  const labelOf = (k: Key) => found.label[k] ?? k;
  const matcher = await regionMatcherAsync(data);
  const cells = new Map<string, MonitoringCell & { shown: number; categories: Set<string> }>();
  const firstRow = new Map<string, number>();
  const rejections: RowRejection[] = [];
  const unmatched = new Set<string>();
  let rows = 0;
  let rejected = 0;
  for await (const rec of csv.records) {
    rows += 1;
    const get = (k: Key) => (col[k] !== undefined && col[k] >= 0 ? (rec.cells[col[k]] ?? '').trim() : '');
    const bad: RowRejection[] = [];
    const reject = (k: Key, reason: string) => bad.push({ row: rec.row, column: labelOf(k), reason });
    const period = monthOf(get('month'));
    if (!period) reject('month', get('month') ? `'${get('month')}' is not a month YYYY-MM or a date` : 'is empty');
    const rule = ruleForCategory(spec.rules, get('category'));
    if (!rule)
      reject(
        'category',
        `${get('category') ? `'${get('category')}'` : 'empty'} is not one of: ${
          spec.rules.flatMap((r) => r.categories.slice(0, spec.profile === 'referral' ? 0 : 1)).join('; ') ||
          'the catalogue’s forms of exploitation (GET /api/catalogue), other, unknown'
        }`,
      );
    const counts = (['verified', 'reported', 'shown'] as const).map((k) => {
      const v = wholeCount(get(k));
      if (v === null) reject(k, `'${get(k)}' is not a whole number`);
      return v ?? 0;
    });
    const [adm1Code, adm1Name, country] = [get('adm1Code'), get('adm1Name'), get('country')];
    let region: string | undefined;
    if (!adm1Code && !adm1Name && !country)
      reject(col.adm1Code >= 0 ? 'adm1Code' : 'adm1Name', 'is empty: every row needs its area');
    else {
      const tries = [adm1Code, adm1Name].filter(Boolean);
      const m = (tries.length ? tries : ['']).map((v) => matcher.match(v, country || undefined)).find((x) => x.ok) ?? {
        ok: false as const,
      };
      if (m.ok) region = m.code;
      else {
        const what = `${adm1Code || adm1Name || country}${country && (adm1Code || adm1Name) ? ` (${country})` : ''}`;
        unmatched.add(what);
        reject(adm1Code ? 'adm1Code' : adm1Name ? 'adm1Name' : 'country', `no region matches '${what}'`);
      }
    }
    if (!bad.length) {
      const dup = `${region}|${period}|${nameKey(get('category'))}`;
      const first = firstRow.get(dup);
      if (first) reject('category', `repeats row ${first}: same area, month and ${spec.category.header.toLowerCase()}`);
      else firstRow.set(dup, rec.row);
    }
    if (bad.length) {
      rejected += 1;
      if (rejections.length < 1000) rejections.push(...bad);
      continue;
    }
    const key = `${region}|${period}|${rule!.id}`;
    const c = cells.get(key) ?? {
      region: region!,
      period: period!,
      rule: rule!.id,
      verified: 0,
      reported: 0,
      shown: 0,
      categories: new Set<string>(),
    };
    c.verified += counts[0]!;
    c.reported += counts[1]!;
    c.shown += counts[2]!;
    c.categories.add(get('category').toLowerCase());
    cells.set(key, c);
  }
  const derived = deriveMonitoringObservations([...cells.values()], spec.rules).map((d) => {
    const c = cells.get(`${d.region}|${d.period}|${d.rule}`)!;
    const parts = [
      `${spec.verified.word} ${bandedCount(c.verified)}`,
      `${spec.reported.word} ${bandedCount(c.reported)}`,
      ...(spec.shown ? [`${spec.shown.word} ${bandedCount(c.shown)}`] : []),
    ];
    return {
      ...d,
      locator: `${spec.what} (${[...c.categories].sort().join(', ')}): ${parts.join(', ')}; Vigil rule ${d.rule}`,
    };
  });
  return writeDerived(
    data,
    actor,
    {
      profile: spec.profile,
      format: csv.format === 'hxl' ? 'hxl' : 'csv',
      sourceKey: spec.sourceKey,
      citation: spec.citation,
      url: spec.url,
      rowsRead: rows,
      rejectedCount: rejected,
      rejections,
      unmatchedRegions: [...unmatched].sort(),
      dropped: {},
      warnings: [],
      columns: Object.fromEntries(
        (Object.entries(col) as [Key, number][]).filter(([, i]) => i >= 0).map(([k]) => [k, labelOf(k)]),
      ),
      derived,
    },
    opts,
  );
}
