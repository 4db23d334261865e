import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { recomputeAllAsync } from '../../api/services/scores/rescore-async.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import {
  activeWindows,
  MODEL_CONFIG,
  observationsByRegion,
  prepareLens,
  scoreFamilies,
  roundTo,
  sensitivity,
  type Lens,
} from '../../indicators/index.ts';
import { observationsAsync } from '../../db/queries/observations.ts';
import { regionsAsync } from '../../db/queries/regions.ts';
import { modelInputsAsync, type ModelInputs } from '../../api/services/scores/model-inputs.ts';
import { sensitivityAt, type SensitivityQuery } from '../../api/services/scores/sensitivity.ts';
import { topHotspots } from '../../web/features/hotspots/hotspots.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { uploadGeneratedDistricts } from '../helpers/districts.ts';

let app: TestApp;
let admin: Credentials;
let districts: GeneratedBoundarySet;

interface Row {
  region: string;
  name: string;
  score: number | null;
  class: string;
  rolledUpFrom: string | null;
  basis: string;
  drivers: { indicatorId: string; label: string; region?: string }[];
  evidence: { indicators: number; sources: number; signs: number; own: number };
}

const get = async <T>(path: string) => {
  const res = await app.request(path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
};
const scores = (query: string) => get<Row[]>(`/api/scores?lens=tip&${query}`);
const row = (rows: Row[], code: string) => rows.find((r) => r.region === code)!;

/** Every stored baseline score, in a stable order, for exact comparison. */
async function snapshot() {
  const { db, t } = app.data;
  const rows = await db
    .select()
    .from(t.scores)
    .where(and(eq(t.scores.scenario, 'baseline'), inArray(t.scores.lens, [...LENSES])));
  return rows.sort((a, b) =>
    `${a.lens}|${a.level}|${a.regionCode}|${a.period}`.localeCompare(
      `${b.lens}|${b.level}|${b.regionCode}|${b.period}`,
    ),
  );
}

beforeAll(async () => {
  app = await startApp();
  admin = await createUserAndLogin(app, 'admin');
  // Parent codes as Vigil stores them (IQ-NI…): each district's parent comes from its field.
  districts = (await uploadGeneratedDistricts(app, admin, 5)).set;
});
afterAll(() => app?.close());

describe('scores at admin-2 (districts by p-code)', () => {
  it('lists districts of a first-level region or of a country, and refuses level 3 naming the field', async () => {
    const ofNineveh = districts.collection.features.filter((f) => f.properties.ADM1_PCODE === 'IQ-NI');
    const ofIraq = districts.collection.features.filter((f) => f.properties.ADM0_PCODE === 'IQ');
    const codes = (rows: { code: string }[]) => rows.map((r) => r.code);
    expect(codes(await get('/api/regions?level=2&parent=IQ-NI'))).toEqual(
      ofNineveh.map((f) => f.properties.ADM2_PCODE).sort(),
    );
    expect(codes(await get('/api/regions?level=2&parent=IRQ'))).toEqual(
      ofIraq.map((f) => f.properties.ADM2_PCODE).sort(),
    );
    const [latest] = (await get<string[]>('/api/periods')).slice(-1);
    expect((await scores(`level=2&parent=IRQ&period=${latest}`)).map((r) => r.region)).toEqual(
      ofIraq.map((f) => f.properties.ADM2_PCODE).sort(),
    );
    const bad = await app.request('/api/scores?level=3');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('level');
  });

  it('a district inherits its region’s records beside it, never as its own score', async () => {
    // Ninewa in August 2014 is a documented hotspot with records of its own; its districts have none.
    const region = row(await scores('level=1&parent=IRQ&period=2014-08'), 'IQ-NI');
    expect(region.score).not.toBeNull();
    expect(region.rolledUpFrom).toBeNull();
    const rows = await scores('level=2&parent=IQ-NI&period=2014-08');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const d of rows) {
      expect(d, d.region).toMatchObject({ score: null, basis: 'country', evidence: { own: 0 } });
      expect(d.evidence.indicators).toBeGreaterThan(0);
      for (const driver of d.drivers) expect(['IQ-NI', 'IRQ']).toContain(driver.region);
    }
  });

  it('inherited evidence never makes a district a hotspot, an alert or a riser (Ninewa, August 2014)', async () => {
    // Ninewa is a hotspot on records of its own; its districts carry the same records, inherited.
    const regions = await scores('level=1&parent=IRQ&period=2014-08');
    expect(topHotspots(regions, 5).map((h) => h.region)).toContain('IQ-NI');
    const ninewa = districts.collection.features
      .filter((f) => f.properties.ADM1_PCODE === 'IQ-NI')
      .map((f) => f.properties.ADM2_PCODE);
    const rows = await scores('level=2&period=2014-08');
    const inheriting = rows.filter((r) => ninewa.includes(r.region));
    expect(inheriting.map((r) => r.region).sort()).toEqual([...ninewa].sort());
    for (const r of inheriting) expect(r.evidence.indicators, r.region).toBeGreaterThan(0);
    expect(topHotspots(rows, 50)).toEqual([]);
    // The map's compact rows say the same: no score, flagged as country-level records only (1).
    const map = await get<{ regions: string[]; score: (number | null)[]; flags: number[] }>(
      '/api/scores/map?level=2&lens=tip&period=2014-08',
    );
    for (const code of ninewa) {
      const i = map.regions.indexOf(code);
      expect([map.score[i], map.flags[i]! & 1], code).toEqual([null, 1]);
    }
    expect(await get('/api/alerts?level=2&lens=tip&period=2014-08')).toEqual([]);
    expect(await get('/api/risers?level=2&lens=tip&period=2014-08&months=12')).toEqual([]);
  });

  it('observations imported by p-code score the district and roll up to its region and country', async () => {
    // A Nigerian state with no score of its own in June 2016, and its first district.
    const states = await scores('level=1&parent=NGA&period=2016-06');
    const parents = new Set(districts.collection.features.map((f) => f.properties.ADM1_PCODE));
    const quiet = states.find((s) => parents.has(s.region) && s.score === null)!;
    expect(quiet, 'a Nigerian state without a score in 2016-06').toBeDefined();
    const district = districts.collection.features
      .filter((f) => f.properties.ADM1_PCODE === quiet.region)
      .map((f) => f.properties.ADM2_PCODE)
      .sort()[0]!;
    const country = row(await scores('level=0&period=2016-06'), 'NGA');

    const csv = [
      '#adm1+pcode,#indicator+code,#date,#value,#meta+source',
      `${district},tip.slave-markets,2016-06,4,Partner report A`,
      `${district},tip.child-recruitment,2016-06,4,Partner report B`,
    ].join('\n');
    const imported = await app.request('/api/imports', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
      body: `${csv}\n`,
    });
    expect(imported.status, await imported.clone().text()).toBe(201);

    const own = row(await scores(`level=2&parent=${quiet.region}&period=2016-06`), district);
    expect(own).toMatchObject({ basis: 'own', rolledUpFrom: null, evidence: { sources: 2, signs: 2 } });
    expect(own.score).toBeGreaterThan(0);
    expect(['moderate', 'high', 'very-high']).toContain(own.class);

    // The state had nothing of its own: its row is now the district's, naming it.
    const state = row(await scores('level=1&parent=NGA&period=2016-06'), quiet.region);
    expect(state).toMatchObject({ score: own.score, class: own.class, rolledUpFrom: district });
    for (const d of state.drivers) expect(d.region).toBe(district);

    // The country's row is the highest of its own and its states': never below the district's.
    const after = row(await scores('level=0&period=2016-06'), 'NGA');
    expect(after.score).toBeGreaterThanOrEqual(own.score!);
    if ((country.score ?? -1) < own.score!) expect(after.rolledUpFrom).toBe(quiet.region);
    else expect(after).toMatchObject({ score: country.score, rolledUpFrom: country.rolledUpFrom });

    // The district's explanation and its series under the baseline weighting computed live (method v1
    // is never stored) agree with the stored row on what it rests on.
    const explained = await get<{ score: number | null; rolledUpFrom: string | null; evidence: { own: number } }>(
      `/api/regions/${district}/explain?period=2016-06&lens=tip`,
    );
    expect(explained.score).toBeCloseTo(own.score!, 1);
    expect(explained.evidence.own).toBe(2);
    const live = await get<{ period: string; score: number | null; basis: string }[]>(
      `/api/regions/${district}/scores?lens=tip&method=v1&from=2016-06&to=2016-06`,
    );
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ period: '2016-06', basis: 'own' });
    const liveState = await get<{ period: string; score: number | null }[]>(
      `/api/regions/${quiet.region}/scores?lens=tip&method=v1&from=2016-06&to=2016-06`,
    );
    expect(liveState[0]!.score).toBe(live[0]!.score);

    // The write rescored only the country's family; a full rebuild ends in the same place.
    const incremental = await snapshot();
    expect(incremental.some((r) => r.level === 2 && r.regionCode === district)).toBe(true);
    await recomputeAllAsync(app.data);
    expect(await snapshot()).toEqual(incremental);
  });

  it('the weight sensitivity ranks districts at level 2, and only first-level regions at level 1', async () => {
    const codes = new Set(districts.collection.features.map((f) => f.properties.ADM2_PCODE));
    type Report = { level: number; topRegions: { region: string }[] };
    const at2 = await get<Report>('/api/sensitivity?level=2&period=2016-06&lens=tip&runs=20&top=5');
    expect(at2.level).toBe(2);
    expect(at2.topRegions.length).toBeGreaterThan(0);
    expect(at2.topRegions.filter((r) => !codes.has(r.region))).toEqual([]);
    const at1 = await get<Report>('/api/sensitivity?level=1&period=2016-06&lens=tip&runs=20&top=50');
    expect(at1.topRegions.length).toBeGreaterThan(0);
    expect(at1.topRegions.filter((r) => codes.has(r.region))).toEqual([]);
    const bad = await app.request('/api/sensitivity?level=3&period=2016-06');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('level');
  });

  it('the weight sensitivity reads one family at a time and ranks as if it held every observation at once', async () => {
    const inputs = (await modelInputsAsync(app.data))!;
    const everything = () => {
      throw new Error('every observation read at once');
    };
    // The same inputs with nothing memoised, refusing to load every observation at once.
    const familyByFamily = Object.create(inputs, {
      observations: { get: everything },
      byRegion: { get: everything },
      withOwnEvidence: { get: everything },
      memo: { value: new Map() },
    }) as ModelInputs;
    // The reference: every observation in one map, every weighting scored over all regions together.
    const regions = await regionsAsync.list(app.data);
    const byRegion = observationsByRegion(await observationsAsync.current(app.data), regions);
    const reference = (q: SensitivityQuery) => {
      const scoredCodes = new Set(byRegion.keys());
      const parents = new Set(regions.flatMap((r) => (r.parent && scoredCodes.has(r.code) ? [r.parent] : [])));
      const kept = regions.filter((r) => scoredCodes.has(r.code) || parents.has(r.code));
      const windows = activeWindows(byRegion, inputs.lens(q.lens, q.scenario));
      return sensitivity({
        score: (w) =>
          scoreFamilies({
            lens: prepareLens(inputs.catalogue, q.lens, w, MODEL_CONFIG),
            periods: [q.period],
            regions: kept,
            byRegion,
            windows,
            level: q.level === 0 ? 0 : 1,
          })
            .filter((r) => r.level === q.level)
            .map((r) => ({ region: r.score.region, score: r.score.score, class: r.score.class })),
        weights: inputs.weights(q.scenario),
        runs: q.runs,
        spread: q.spread,
        top: q.top,
        seed: q.seed,
      });
    };
    const cases: [number, Lens, string][] = [
      [0, 'tip', 'baseline'],
      [1, 'tip', 'children-focus'],
      [1, 'overall', 'baseline'],
      [2, 'tip', 'baseline'],
    ];
    for (const [level, lens, scenario] of cases) {
      const q = { period: '2016-06', lens, level, scenario, runs: 12, spread: 0.3, top: 8, seed: 7 + level };
      const want = reference(q);
      const got = sensitivityAt(familyByFamily, q);
      expect(want.regions, `level ${level}`).toBeGreaterThan(0);
      expect(got.regions).toBe(want.regions);
      expect(got.topRegions.map(({ name: _, ...r }) => r)).toEqual(
        want.topRegions.map((r) => ({
          ...r,
          baseScore: roundTo(r.baseScore, 2),
          inTopShare: roundTo(r.inTopShare, 3),
        })),
      );
      expect([got.meanTopOverlap, got.meanSpearman, got.minSpearman]).toEqual(
        [want.meanTopOverlap, want.meanSpearman, want.minSpearman].map((x) => (x === null ? null : roundTo(x, 3))),
      );
    }
  });
});
