import { sqliteAsync } from '../../../../db/async.ts';
import {
  ACLED_CITATION,
  ACLED_RULES,
  ACLED_SOURCE_KEY,
  ACLED_URL,
  deriveAcledObservations,
  ruleCounts,
} from '../../../../indicators/index.ts';
import type { AcledCell } from '../../../../indicators/index.ts';
import { activeBoundariesAsync } from '../../../../db/queries/regions.ts';
import { combinedTopology } from '../../boundaries/combine.ts';
import { badRequest } from '../../../errors.ts';
import { stripAdminUnit } from '../../ucdp/events.ts';
import { createPointLocator, type PointLocator } from '../../ucdp/locate.ts';
import { isRealDate } from '../dates.ts';
import { writeDerived } from '../derived.ts';
import { regionMatcherAsync } from '../region-matcher.ts';
import type { RowRejection } from '../rows.ts';
import type { ImportProfile, ProfileColumn } from './profile.ts';

const COLUMNS: readonly ProfileColumn[] = [
  {
    name: 'event_date',
    required: true,
    description: 'Date of the event, 2017-03-15 or 15 March 2017 (its month is taken)',
  },
  {
    name: 'event_type',
    required: true,
    description: 'Battles, Explosions/Remote violence, Violence against civilians, …',
  },
  {
    name: 'sub_event_type',
    required: true,
    description: 'Sexual violence, Attack, Abduction/forced disappearance, Armed clash, …',
  },
  { name: 'country', required: true, description: 'Country name (matched to Vigil’s countries)' },
  {
    name: 'admin1',
    required: true,
    description: 'First-level unit name; blank for events placed no finer than the country',
  },
  { name: 'fatalities', required: true, description: 'Reported fatalities (a whole number)' },
  { name: 'civilian_targeting', required: false, description: '“Civilian targeting” when civilians were the target' },
  { name: 'iso3', required: false, description: 'Country code (ISO 3166 alpha-3), used before the name when present' },
  {
    name: 'latitude',
    required: false,
    description: 'Decimal degrees: places the event when its admin1 name matches no region',
  },
  { name: 'longitude', required: false, description: 'Decimal degrees' },
  {
    name: 'geo_precision',
    required: false,
    description: '1 exact place, 2 near it, 3 a larger area; sets the confidence',
  },
  { name: 'tags', required: false, description: 'ACLED tags (“women targeted: …”)' },
  {
    name: 'event_id_cnty, year, actor1, actor2, interaction, iso, region, admin2, admin3, location, source, source_scale, notes, timestamp',
    required: false,
    description: 'Read past: not used by the rules',
  },
];

const REQUIRED = ['event_date', 'event_type', 'sub_event_type', 'country', 'admin1', 'fatalities'] as const;
const OPTIONAL = ['civilian_targeting', 'iso3', 'latitude', 'longitude', 'geo_precision', 'tags'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** Column positions in an ACLED header (lower-case names); a 400 naming each missing or repeated column. */
function acledColumns(header: readonly string[]): Record<Column, number> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out = {} as Record<Column, number>;
  const problems: { field: string; message: string }[] = [];
  for (const c of [...REQUIRED, ...OPTIONAL]) {
    const at = lower.flatMap((h, i) => (h === c ? [i] : []));
    if (at.length > 1)
      problems.push({
        field: c,
        message: `appears ${at.length} times (columns ${at.map((i) => i + 1).join(' and ')})`,
      });
    out[c] = at[0] ?? -1;
    if (out[c] < 0 && (REQUIRED as readonly string[]).includes(c))
      problems.push({ field: c, message: `ACLED column '${c}' is missing` });
  }
  if (problems.length)
    throw badRequest(problems, `Not an ACLED export: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  return out;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** `2017-03-15` (a time after it allowed, as re-saved files have) or `15 March 2017` (`15-Mar-2017`). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const LONG_DATE = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/;

/** The month (`YYYY-MM`) of an ACLED date, or null when it is not a calendar date. */
export function acledMonth(s: string): string | null {
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(s);
  const long = LONG_DATE.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (long) {
    const name = long[2]!.toLowerCase();
    const i = MONTHS.findIndex((x) => x === name || (name.length === 3 && x.startsWith(name)));
    if (i < 0) return null;
    [y, m, d] = [Number(long[3]), i + 1, Number(long[1])];
  } else return null;
  return isRealDate(y, m, d) ? `${y}-${String(m).padStart(2, '0')}` : null;
}

const WHOLE = /^\d+(\.0*)?$/;
const NUM = /^[+-]?\d+(\.\d+)?$/;

/**
 * ACLED events: each placed in a first-level region (the `admin1` name within the row's country,
 * else the point's polygon in that country), or kept at country level when it has no admin1 or
 * neither matches; counted per area, month and rule; turned into monthly severities by the rules in
 * indicators/mapping/acled-rules.ts; written as one batch keyed `feed:acled`.
 */
export const acledProfile: ImportProfile = {
  name: 'acled',
  title: 'ACLED events',
  description:
    'An export of the Armed Conflict Location & Event Data (ACLED), in the columns of ACLED’s codebook. You bring your own export: ACLED’s terms do not allow Vigil to ship its data. Events are counted per first-level region (or country) and month and turned into indicator values by the rules in indicators/mapping/acled-rules.ts: sexual violence, abductions, attacks on civilians, battles and explosions.',
  sourceKey: ACLED_SOURCE_KEY,
  licence:
    'ACLED data are licensed to the user who downloads them (ACLED terms of use): do not share the export; credit “Armed Conflict Location & Event Data (ACLED), acleddata.com” in anything derived. Vigil keeps only the derived monthly values, each citing ACLED.',
  shape: 'observations',
  columns: COLUMNS,
  detect: (header) => {
    const lower = new Set(header.map((h) => h.trim().toLowerCase()));
    return ['event_id_cnty', 'event_date', 'sub_event_type', 'fatalities'].every((c) => lower.has(c));
  },
  run: (db, actor, csv, opts) => acledProfile.runAwaited!(sqliteAsync(db), actor, csv, opts),
  runAwaited: async (data, actor, csv, opts) => {
    // HDX copies carry a hashtag row under ACLED's header: the names are the row above it.
    const header = csv.format === 'hxl' && csv.labels ? csv.labels : csv.header;
    const col = acledColumns(header);
    const matcher = await regionMatcherAsync(data);
    let locator: PointLocator | undefined | null;
    const locate = async (lon: number, lat: number) => {
      if (locator === undefined) {
        const b = combinedTopology(await activeBoundariesAsync.topologies(data, 1));
        locator = b ? createPointLocator(b) : null;
      }
      return locator ? locator(lon, lat) : undefined;
    };
    const cells = new Map<string, AcledCell>();
    const rejections: RowRejection[] = [];
    const unmatched = new Set<string>();
    const tally = { rows: 0, rejected: 0, byName: 0, byPoint: 0, countryLevel: 0, unplaced: 0, counted: 0 };
    for await (const rec of csv.records) {
      tally.rows += 1;
      if (tally.rows % 1000 === 0) opts.onProgress?.('read', tally.rows);
      const get = (c: Column) => (col[c] >= 0 ? (rec.cells[col[c]] ?? '').trim() : '');
      const bad: RowRejection[] = [];
      const period = acledMonth(get('event_date'));
      if (!period)
        bad.push({
          row: rec.row,
          column: 'event_date',
          reason: `'${get('event_date')}' is not a date (2017-03-15 or 15 March 2017)`,
        });
      const fatalities = WHOLE.test(get('fatalities')) ? Number(get('fatalities')) : NaN;
      if (!Number.isSafeInteger(fatalities))
        bad.push({ row: rec.row, column: 'fatalities', reason: `'${get('fatalities')}' is not a whole number` });
      if (!get('event_type')) bad.push({ row: rec.row, column: 'event_type', reason: 'is empty' });
      if (!get('country') && !get('iso3')) bad.push({ row: rec.row, column: 'country', reason: 'is empty' });
      const precision = get('geo_precision') ? Number(get('geo_precision').replace(/\.0*$/, '')) : 3;
      if (![1, 2, 3].includes(precision))
        bad.push({ row: rec.row, column: 'geo_precision', reason: `'${get('geo_precision')}' must be 1, 2 or 3` });
      const hasPoint = NUM.test(get('latitude')) && NUM.test(get('longitude'));
      if (bad.length) {
        tally.rejected += 1;
        if (rejections.length < 1000) rejections.push(...bad);
        continue;
      }
      const facts = {
        eventType: get('event_type'),
        subEventType: get('sub_event_type'),
        civilianTargeting: get('civilian_targeting').toLowerCase() === 'civilian targeting',
        tags: get('tags'),
      };
      const rules = ACLED_RULES.filter((r) => ruleCounts(r, facts));
      if (rules.length === 0) continue;
      tally.counted += 1;
      // Country: the alpha-3 code when the export has one, else the name.
      const countryHit = [get('iso3'), get('country')]
        .filter(Boolean)
        .map((v) => matcher.match(v))
        .find((m) => m.ok && matcher.countryOf(m.code) === m.code);
      const country = countryHit?.ok ? countryHit.code : undefined;
      if (!country) {
        tally.unplaced += 1;
        unmatched.add(get('country') || get('iso3'));
        continue;
      }
      let region: string | undefined;
      const admin1 = get('admin1');
      if (admin1) {
        for (const name of [admin1, stripAdminUnit(admin1)]) {
          const m = matcher.match(name, country);
          if (m.ok && m.code !== country) {
            region = m.code;
            tally.byName += 1;
            break;
          }
        }
        if (!region && hasPoint) {
          const hit = await locate(Number(get('longitude')), Number(get('latitude')));
          if (hit && matcher.countryOf(hit) === country) {
            region = hit;
            tally.byPoint += 1;
          }
        }
        if (!region) unmatched.add(`${admin1} (${get('country') || get('iso3')})`);
      }
      if (!region) {
        region = country;
        tally.countryLevel += 1;
      }
      for (const rule of rules) {
        const key = `${region}|${period}|${rule.id}`;
        const c = cells.get(key) ?? {
          region,
          period: period!,
          rule: rule.id,
          events: 0,
          fatalities: 0,
          preciseEvents: 0,
        };
        c.events += 1;
        c.fatalities += fatalities;
        if (precision <= 2) c.preciseEvents += 1;
        cells.set(key, c);
      }
    }
    opts.onProgress?.('read', tally.rows);
    const derived = deriveAcledObservations([...cells.values()]).map((d) => ({
      ...d,
      locator: `${d.events} events, ${d.fatalities} reported fatalities; Vigil rule ${d.rule}`,
    }));
    const ignored = tally.rows - tally.rejected - tally.counted;
    return writeDerived(
      data,
      actor,
      {
        profile: 'acled',
        format: 'csv',
        sourceKey: ACLED_SOURCE_KEY,
        citation: ACLED_CITATION,
        url: ACLED_URL,
        rowsRead: tally.rows,
        rejectedCount: tally.rejected,
        rejections,
        unmatchedRegions: [...unmatched].sort(),
        dropped: { 'no-rule': ignored, unplaced: tally.unplaced },
        warnings: [
          ...(ignored
            ? [`${ignored} events of types no rule reads (protests, riots, strategic developments, …) were read past.`]
            : []),
          ...(tally.countryLevel
            ? [`${tally.countryLevel} events without a matching admin1 were counted at country level.`]
            : []),
          ...(tally.unplaced ? [`${tally.unplaced} events matched no country and were left out.`] : []),
        ],
        columns: Object.fromEntries(
          Object.entries(col)
            .filter(([, i]) => i >= 0)
            .map(([k, i]) => [k, header[i]!]),
        ),
        derived,
      },
      opts,
    );
  },
};
