import { sqliteAsync } from '../../../../db/async.ts';
import {
  deriveDtmObservations,
  DTM_CITATION,
  DTM_SOURCE_KEY,
  DTM_URL,
  isDisplacementSite,
} from '../../../../indicators/index.ts';
import type { DtmCell } from '../../../../indicators/index.ts';
import { badRequest } from '../../../errors.ts';
import { stripAdminUnit } from '../../ucdp/events.ts';
import { isRealDate } from '../dates.ts';
import { writeDerived } from '../derived.ts';
import { regionMatcherAsync, type RegionMatcher } from '../region-matcher.ts';
import type { RowRejection } from '../rows.ts';
import { findTaggedColumns, tagMatches, nameKey, type TaggedColumn } from '../tagged-columns.ts';
import type { ImportProfile, ProfileColumn } from './profile.ts';

type Key =
  'country' | 'adm1Code' | 'adm1Name' | 'adm2Code' | 'adm2Name' | 'site' | 'siteType' | 'date' | 'idps' | 'returnees';

/** DTM's columns: HXL hashtags as IOM tags them on HDX, and the header names of DTM's exports and API. */
const SPECS: readonly TaggedColumn<Key>[] = [
  {
    key: 'country',
    tags: ['#country+code', '#country+name', '#country'],
    names: ['country_code', 'iso3', 'admin0pcode', 'adm0_pcode', 'country', 'admin0name', 'adm0_name', 'adm0_en'],
  },
  {
    key: 'adm1Code',
    tags: ['#adm1+code', '#adm1+pcode'],
    names: ['adm1_pcode', 'admin1pcode', 'admin 1 pcode', 'adm1_code', 'state_pcode', 'governorate_pcode'],
  },
  {
    key: 'adm1Name',
    tags: ['#adm1+name'],
    names: ['adm1_name', 'adm1_en', 'admin1name', 'admin 1 name', 'admin1', 'state', 'governorate', 'province'],
  },
  {
    key: 'adm2Code',
    tags: ['#adm2+code', '#adm2+pcode'],
    names: ['adm2_pcode', 'admin2pcode', 'admin 2 pcode', 'adm2_code', 'lga_pcode', 'district_pcode'],
  },
  {
    key: 'adm2Name',
    tags: ['#adm2+name'],
    names: ['adm2_name', 'adm2_en', 'admin2name', 'admin 2 name', 'admin2', 'lga', 'district', 'county'],
  },
  {
    key: 'site',
    tags: ['#loc+code', '#loc+id', '#loc+name'],
    names: ['site_id', 'ssid', 'location_id', 'site_name', 'location_name'],
  },
  {
    key: 'siteType',
    tags: ['#loc+type', '#site+type'],
    names: ['site_type', 'location_type', 'settlement_type', 'shelter_type'],
  },
  {
    key: 'date',
    tags: ['#date+reported', '#date'],
    names: ['reporting_date', 'reportingdate', 'date_reported', 'survey_date', 'date'],
    required: true,
  },
  {
    key: 'idps',
    tags: ['#affected+idps+ind', '#affected+idps'],
    names: [
      'idp_individuals',
      'num_idp_ind',
      'numpresentidpind',
      'number of idp individuals',
      'idps',
      'idp_ind',
      'total_idps',
    ],
    required: true,
  },
  {
    key: 'returnees',
    tags: ['#affected+returnees+ind', '#affected+returnees'],
    names: ['returnee_individuals', 'num_returnee_ind', 'number of returnee individuals', 'returnees', 'returnee_ind'],
  },
];

const COLUMNS: readonly ProfileColumn[] = [
  {
    name: '#adm1+code / adm1_pcode, #adm1+name / adm1_name, #adm2+pcode / adm2_pcode',
    required: true,
    description:
      'At least one: the first-level unit by p-code or name, or the second-level p-code (placed in its first-level unit)',
  },
  {
    name: '#date+reported / reporting_date',
    required: true,
    description: 'Date of the assessment round (2017-03-31, 2017-03, or 31 March 2017); its month is taken',
  },
  { name: '#affected+idps+ind / idp_individuals', required: true, description: 'IDPs present (individuals)' },
  {
    name: '#affected+returnees+ind / returnee_individuals',
    required: false,
    description: 'Returnees (individuals): read and reported; no rule uses them by default',
  },
  {
    name: '#loc+type / site_type',
    required: false,
    description: 'Site or settlement type (camp, collective centre, informal site, host community, …)',
  },
  {
    name: '#loc+code / site_id',
    required: false,
    description: 'Site or location id: a repeated one in a month keeps the latest round',
  },
  {
    name: '#country+code / iso3',
    required: false,
    description: 'Country code or name: narrows names and p-codes to it',
  },
  {
    name: '#adm2+name / adm2_name',
    required: false,
    description: 'Read for reports only (Vigil has no second-level regions)',
  },
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?)?$/;
const LONG = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/;

/** The date of a DTM row as `YYYY-MM-DD` (a month alone is its first day), or null when it is not a calendar date. */
export function dtmDate(s: string): string | null {
  let y: number, m: number, d: number;
  const iso = ISO.exec(s.trim());
  const long = LONG.exec(s.trim());
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), iso[3] ? Number(iso[3]) : 1];
  else if (long) {
    const i = MONTHS.indexOf(long[2]!.slice(0, 3).toLowerCase());
    if (i < 0) return null;
    [y, m, d] = [Number(long[3]), i + 1, Number(long[1])];
  } else return null;
  return isRealDate(y, m, d) ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;
}

/** A count of people: `1234`, `1,234`, `1234.0`; empty is 0; anything else (negative, decimal, text) is null. */
export function dtmCount(s: string): number | null {
  const t = s.trim();
  if (!t) return 0;
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.0*)?$/.test(t)) return null;
  const n = Number(t.replace(/,/g, '').replace(/\.0*$/, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The first-level region of a row: the admin-1 p-code, else its name (with or without "State",
 * "Governorate"…), else the admin-2 p-code (an alias loaded with `vigil aliases`, or the longest
 * leading part of it that is an admin-1 p-code: OCHA p-codes usually nest). Within the row's country
 * when the file has one. A country is never the answer.
 */
function placeRow(
  matcher: RegionMatcher,
  country: string | undefined,
  adm1Code: string,
  adm1Name: string,
  adm2Code: string,
): { region: string; by: 'adm1-pcode' | 'adm1-name' | 'adm2-pcode' } | undefined {
  const level1 = (v: string) => {
    if (!v) return undefined;
    const m = matcher.match(v, country);
    return m.ok && matcher.countryOf(m.code) !== m.code ? m.code : undefined;
  };
  const byCode = level1(adm1Code);
  if (byCode) return { region: byCode, by: 'adm1-pcode' };
  for (const n of [adm1Name, stripAdminUnit(adm1Name)]) {
    const r = level1(n);
    if (r) return { region: r, by: 'adm1-name' };
  }
  for (let end = adm2Code.length; end >= 3; end--) {
    const r = level1(adm2Code.slice(0, end));
    if (r) return { region: r, by: 'adm2-pcode' };
  }
  return undefined;
}

/**
 * IOM DTM baseline and mobility-tracking files (HXL-tagged as on HDX, or plain headers): one row per
 * location or site and round, with IDP (and returnee) counts. Rows are placed in first-level regions,
 * summed per region and month (a location repeated in one month keeps its latest round), and turned
 * into displacement CONDITIONS by the rules in indicators/mapping/dtm-rules.ts; one batch keyed
 * `feed:dtm`.
 */
export const dtmProfile: ImportProfile = {
  name: 'dtm',
  title: 'IOM DTM displacement figures',
  description:
    'A baseline or mobility-tracking file of the IOM Displacement Tracking Matrix (DTM), as IOM publishes it on HDX (with its HXL hashtag row) or exports it (plain headers). You bring your own file. IDPs present, and IDPs living in camps, collective centres or informal sites, are summed per first-level region and month and turned into displacement conditions by the rules in indicators/mapping/dtm-rules.ts.',
  sourceKey: DTM_SOURCE_KEY,
  licence:
    'IOM DTM data are published under each dataset’s own terms (on HDX usually Creative Commons Attribution for Intergovernmental Organisations, CC BY-IGO): check yours, and credit “International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)”. Vigil keeps only the derived monthly values, each citing DTM.',
  shape: 'observations',
  columns: COLUMNS,
  detect: (header) =>
    header.some((h) => tagMatches(h, '#affected+idps')) ||
    header.some((h) => ['idpindividuals', 'numpresentidpind', 'numberofidpindividuals'].includes(nameKey(h))),
  run: (db, actor, csv, opts) => dtmProfile.runAwaited!(sqliteAsync(db), actor, csv, opts),
  runAwaited: async (data, actor, csv, opts) => {
    const found = findTaggedColumns(csv, SPECS, 'DTM');
    const col = found.index;
    if (col.adm1Code < 0 && col.adm1Name < 0 && col.adm2Code < 0)
      throw badRequest(
        [
          {
            field: '#adm1+code',
            message:
              "DTM column '#adm1+code' (header 'adm1_pcode'), '#adm1+name' or '#adm2+pcode' is missing: rows cannot be placed",
          },
        ],
        'Not a DTM file: no admin-1 or admin-2 column',
      );
    const labelOf = (k: Key) => found.label[k] ?? k;
    const matcher = await regionMatcherAsync(data);
    /** The latest row of each location and month: [date, region, idps, returnees, idpsInSites]. */
    const latest = new Map<
      string,
      { date: string; row: number; region: string; period: string; counts: [number, number, number] }
    >();
    const rejections: RowRejection[] = [];
    const unmatched = new Set<string>();
    const tally = { rows: 0, rejected: 0, unplaced: 0, repeated: 0, byName: 0, byCode: 0, byAdm2: 0 };
    for await (const rec of csv.records) {
      tally.rows += 1;
      if (tally.rows % 1000 === 0) opts.onProgress?.('read', tally.rows);
      const get = (k: Key) => (col[k] >= 0 ? (rec.cells[col[k]] ?? '').trim() : '');
      const bad: RowRejection[] = [];
      const date = dtmDate(get('date'));
      if (!date)
        bad.push({
          row: rec.row,
          column: labelOf('date'),
          reason: get('date') ? `'${get('date')}' is not a date (2017-03-31, 2017-03 or 31 March 2017)` : 'is empty',
        });
      const idps = dtmCount(get('idps'));
      if (idps === null)
        bad.push({ row: rec.row, column: labelOf('idps'), reason: `'${get('idps')}' is not a whole number of people` });
      const returnees = dtmCount(get('returnees'));
      if (returnees === null)
        bad.push({
          row: rec.row,
          column: labelOf('returnees'),
          reason: `'${get('returnees')}' is not a whole number of people`,
        });
      if (!get('adm1Code') && !get('adm1Name') && !get('adm2Code'))
        bad.push({
          row: rec.row,
          column: labelOf(col.adm1Code >= 0 ? 'adm1Code' : col.adm1Name >= 0 ? 'adm1Name' : 'adm2Code'),
          reason: 'is empty: every row needs its admin-1 (or admin-2 p-code)',
        });
      let country: string | undefined;
      if (get('country')) {
        const m = matcher.match(get('country'));
        if (m.ok && matcher.countryOf(m.code) === m.code) country = m.code;
        else bad.push({ row: rec.row, column: labelOf('country'), reason: `no country matches '${get('country')}'` });
      }
      if (bad.length) {
        tally.rejected += 1;
        if (rejections.length < 1000) rejections.push(...bad);
        continue;
      }
      const place = placeRow(matcher, country, get('adm1Code'), get('adm1Name'), get('adm2Code'));
      if (!place) {
        tally.unplaced += 1;
        const what = get('adm1Code') || get('adm1Name') || get('adm2Code');
        unmatched.add(country ? `${what} (${country})` : what);
        continue;
      }
      if (place.by === 'adm1-name') tally.byName += 1;
      else if (place.by === 'adm1-pcode') tally.byCode += 1;
      else tally.byAdm2 += 1;
      const period = date!.slice(0, 7);
      const where = get('site') || get('adm2Code') || get('adm2Name') || get('adm1Code') || get('adm1Name');
      const key = `${country ?? ''}|${where.toLowerCase()}|${period}`;
      const inSites = isDisplacementSite(get('siteType')) ? idps! : 0;
      const prev = latest.get(key);
      if (prev) tally.repeated += 1;
      if (!prev || date! >= prev.date)
        latest.set(key, {
          date: date!,
          row: rec.row,
          region: place.region,
          period,
          counts: [idps!, returnees!, inSites],
        });
    }
    opts.onProgress?.('read', tally.rows);
    const cells = new Map<string, DtmCell>();
    for (const l of latest.values()) {
      const k = `${l.region}|${l.period}`;
      const c = cells.get(k) ?? { region: l.region, period: l.period, idps: 0, returnees: 0, idpsInSites: 0, rows: 0 };
      c.idps += l.counts[0];
      c.returnees += l.counts[1];
      c.idpsInSites += l.counts[2];
      c.rows += 1;
      cells.set(k, c);
    }
    const byCell = new Map([...cells.values()].map((c) => [`${c.region}|${c.period}`, c]));
    const derived = deriveDtmObservations([...cells.values()]).map((d) => {
      const c = byCell.get(`${d.region}|${d.period}`)!;
      return {
        ...d,
        locator: `${c.idps.toLocaleString('en')} IDPs (${c.idpsInSites.toLocaleString('en')} in camps or sites), ${c.returnees.toLocaleString('en')} returnees, over ${c.rows} locations; Vigil rule ${d.rule}`,
      };
    });
    return writeDerived(
      data,
      actor,
      {
        profile: 'dtm',
        format: csv.format === 'hxl' ? 'hxl' : 'csv',
        sourceKey: DTM_SOURCE_KEY,
        citation: DTM_CITATION,
        url: DTM_URL,
        rowsRead: tally.rows,
        rejectedCount: tally.rejected,
        rejections,
        unmatchedRegions: [...unmatched].sort(),
        dropped: { unplaced: tally.unplaced, 'earlier-round': tally.repeated },
        warnings: [
          ...(tally.unplaced
            ? [
                `${tally.unplaced} rows matched no first-level region and were left out (load p-codes with vigil aliases, or fix the names).`,
              ]
            : []),
          ...(tally.repeated
            ? [`${tally.repeated} rows repeated a location already reported that month; the latest round was kept.`]
            : []),
          ...(col.siteType < 0 ? ['No site type column: IDPs in camps and sites cannot be told apart.'] : []),
        ],
        columns: Object.fromEntries(
          (Object.entries(col) as [Key, number][]).filter(([, i]) => i >= 0).map(([k]) => [k, labelOf(k)]),
        ),
        derived,
      },
      opts,
    );
  },
};
