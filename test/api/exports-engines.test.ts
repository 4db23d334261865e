import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { box, MOSUL } from '../helpers/areas.ts';
import { signedInOnBothEngines } from '../helpers/engine-apps.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

// The downloads of /api/export on the awaited interface: built in the read pool over the SQLite file
// on one engine, in process from what the awaited reads give on PostgreSQL, by the same code. The
// PostgreSQL app gets a closed SQLite handle: a read left on it would fail, not answer the SQLite copy.
const both = seededOnBothEngines();
const {
  app,
  who: { analyst },
} = signedInOnBothEngines(both, ['analyst']);
let periods: string[];

/** A made-up district under Iraq's Ninewa (the seeded data have none), so that level 2 has a row with a country. */
const DISTRICT = { code: 'IQ-NI-T1', name: 'Test district', level: 2, parent: 'IQ-NI' };

beforeAll(async () => {
  periods = scoredPeriods(both.seeded());
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    await data.db.insert(data.t.regions).values(DISTRICT);
    // Three children used in attacks in Ninewa in the latest month: a count of people below 5, which
    // every public output writes as "<5".
    const res = await app[engine].request('/api/observations', {
      method: 'POST',
      headers: { ...analyst[engine], 'Content-Type': 'application/json' },
      body: JSON.stringify({
        region: 'IQ-NI',
        indicator: 'tip.children-in-attacks',
        period: periods.at(-1),
        value: 3,
        confidence: 'high',
        source: { citation: 'Field report, exports test' },
      }),
    });
    expect(res.status, await res.text()).toBe(201);
  }
});

/** What a download answer is made of: status, the headers a client reads, and the body's bytes as text. */
async function download(engine: Engine, path: string, headers: Record<string, string> = {}) {
  const res = await app[engine].request(path, { headers });
  const h = (name: string) => res.headers.get(name);
  return {
    status: res.status,
    type: h('Content-Type'),
    disposition: h('Content-Disposition'),
    language: h('Content-Language'),
    etag: h('ETag'),
    text: await res.text(),
  };
}

/** The text without the time it was made, the one thing two builds may not share (GeoJSON metadata only). */
const undated = (text: string) => text.replace(/"generatedAt":"[^"]+"/g, '"generatedAt":"…"');

/** The same request on both engines, the answers checked equal byte for byte (but the build time); the SQLite one is returned. */
const same = (path: string, asAnalyst = false) =>
  sameOnEngines(
    (e) => download(e, path, asAnalyst ? analyst[e] : {}),
    `${path}${asAnalyst ? ' (analyst)' : ''}`,
    // A dated body's ETag follows its date; an undated one's is compared as is. Bodies of megabytes
    // are compared by length and hash, the first bytes kept for a readable difference.
    (a) => {
      const text = undated(a.text);
      const sha1 = createHash('sha1').update(text).digest('hex');
      return {
        ...a,
        etag: text === a.text ? a.etag : undefined,
        text: { length: text.length, sha1, head: text.slice(0, 400) },
      };
    },
  );

describe('score downloads on both engines', () => {
  it('are the same bytes in each format, level, month, lens and language, whoever asks', async () => {
    const middle = periods[Math.floor(periods.length / 2)]!;
    const seen = { rows: 0, noData: 0, district: 0, hxl: 0, features: 0, translated: 0 };
    for (const file of ['scores.csv', 'scores.hxl.csv', 'scores.geojson', 'scores.csv?format=hxl'])
      for (const query of [
        '',
        `period=${middle}&lens=tip&level=1`,
        `period=${periods[0]}&lens=crsv&level=2&lang=fr`,
        `period=${middle}&lens=afac&level=0&lang=ar`,
        // A month with nothing scored: every region without data.
        'period=1990-01&lens=osce&level=0',
      ]) {
        const path = `/api/export/${file}${file.includes('?') ? '&' : '?'}${query}`;
        const anonymous = await same(path);
        expect(anonymous.status, path).toBe(200);
        expect(anonymous.disposition, path).toMatch(/^attachment; filename="vigil-scores-/);
        // A download is the same file whoever asks.
        const signedIn = await same(path, true);
        expect(undated(signedIn.text), path).toBe(undated(anonymous.text));
        if (file.includes('geojson')) {
          const fc = JSON.parse(anonymous.text) as { features: { geometry: unknown }[] };
          seen.features += fc.features.filter((f) => f.geometry !== null).length;
        } else {
          const lines = anonymous.text.trimEnd().split('\r\n');
          seen.rows += lines.length;
          if (lines[1]?.startsWith('#')) seen.hxl++;
        }
        if (query.includes('1990-01')) seen.noData += anonymous.text.includes('no-data') ? 1 : 0;
        if (anonymous.text.includes(DISTRICT.code)) seen.district++;
        if (anonymous.language) seen.translated++;
      }
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('answer 400 alike, and another scenario with the same file', async () => {
    expect((await same('/api/export/scores.csv?lens=nope')).status).toBe(400);
    expect((await same('/api/export/scores.geojson?scenario=nope')).status).toBe(400);
    expect((await same('/api/export/scores.hxl.csv?period=2019-13')).status).toBe(400);
    expect((await same('/api/export/scores.csv?level=7')).status).toBe(400);
    expect((await same('/api/export/scores.csv?format=xls')).status).toBe(400);
    // Another scenario: computed in the read pool on SQLite, in process on PostgreSQL, the same file.
    for (const file of ['scores.csv', 'scores.hxl.csv', 'scores.geojson']) {
      const path = `/api/export/${file}?scenario=children-focus&level=1&lens=tip`;
      const answer = await same(path);
      expect(answer.status, path).toBe(200);
      expect(answer.disposition).toContain('-children-focus.');
    }
  });
});

/** A JSON answer on one engine: status and body, its build time left out. */
async function json(engine: Engine, path: string, init: RequestInit = {}) {
  const res = await app[engine].request(path, init);
  return { status: res.status, body: JSON.parse(undated(await res.text())) as unknown };
}

type Brief = {
  region: { code: string };
  score: { score: number | null; class: string };
  series: { period: string; class: string }[];
  drivers: { value: string }[];
  sources: unknown[];
  metadata: { title: string; scenario: string };
};

describe('region briefs on both engines', () => {
  it('are the same for countries, regions, a district and a region without data, in each lens, range, language and scenario', async () => {
    const middle = periods[Math.floor(periods.length / 2)]!;
    const seen = { scored: 0, noData: 0, drivers: 0, small: 0, sources: 0, scenario: 0 };
    for (const region of ['IRQ', 'IQ-NI', 'SY-RA', 'NGA', DISTRICT.code, 'ABW-5150'])
      for (const query of [
        '',
        `&lens=crsv&period=${middle}&lang=fr`,
        `&lens=afac&from=${periods[0]}&to=${middle}&lang=ar`,
        '&lens=overall&period=1990-01',
        '&scenario=children-focus',
      ])
        for (const asAnalyst of [false, true]) {
          const path = `/api/export/brief?region=${region}${query}`;
          const { status, body } = await sameOnEngines(
            (e) => json(e, path, { headers: asAnalyst ? analyst[e] : {} }),
            `${path}${asAnalyst ? ' (analyst)' : ''}`,
          );
          expect(status, path).toBe(200);
          const b = body as Brief;
          expect(b.region.code).toBe(region);
          if (b.score.score !== null) seen.scored++;
          if (b.score.class === 'no-data') seen.noData++;
          if (b.drivers.length) seen.drivers++;
          // Counts of people below 5 are written as a band, for everyone.
          if (b.drivers.some((d) => d.value.startsWith('<'))) seen.small++;
          if (b.sources.length) seen.sources++;
          if (b.metadata.scenario !== 'baseline') seen.scenario++;
        }
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('answer 400 and 404 alike', async () => {
    const status = async (path: string) => (await sameOnEngines((e) => json(e, path), path)).status;
    expect(await status('/api/export/brief?region=NOPE')).toBe(404);
    expect(await status('/api/export/brief?region=not a code')).toBe(400);
    expect(await status('/api/export/brief')).toBe(400);
    expect(await status('/api/export/brief?region=IRQ&from=2018-01&to=2017-01')).toBe(400);
    expect(await status('/api/export/brief?region=IRQ&scenario=nope')).toBe(400);
    expect(await status('/api/export/brief?region=IRQ&lens=nope')).toBe(400);
  });
});

type Profile = {
  area: { level: number; kind: string };
  regions: { code: string }[];
  drivers: { value: string }[];
  metadata: { scenario: string };
};

describe('area profiles on both engines', () => {
  const profile = (e: Engine, body: unknown, query = '', asAnalyst = false) =>
    json(e, `/api/areas/profile${query}`, {
      method: 'POST',
      headers: { ...(asAnalyst ? analyst[e] : {}), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const same = (body: unknown, query = '', asAnalyst = false) =>
    sameOnEngines((e) => profile(e, body, query, asAnalyst), `${JSON.stringify(body).slice(0, 120)}${query}`);

  it('are the same for a drawn area and lists of regions, in each level, lens, range, language and scenario', async () => {
    const middle = periods[Math.floor(periods.length / 2)]!;
    const seen = { polygon: 0, regions: 0, districts: 0, small: 0, scenario: 0 };
    for (const [body, query] of [
      [{ geometry: MOSUL, name: 'Mosul corridor' }, ''],
      [{ geometry: MOSUL, level: 0, lens: 'crsv', from: periods[0], to: middle }, '?lang=fr'],
      [{ regions: ['IQ-NI', 'IQ-DA', 'SY-RA'], lens: 'tip' }, '?lang=ar'],
      [{ regions: [DISTRICT.code] }, ''],
      [{ regions: ['NGA', 'LBY'], lens: 'overall', to: '1990-06' }, ''],
      [{ regions: ['IQ-NI'], scenario: 'children-focus' }, ''],
    ] as const)
      for (const asAnalyst of [false, true]) {
        const { status, body: p } = await same(body, query, asAnalyst);
        expect(status, JSON.stringify(p).slice(0, 300)).toBe(200);
        const profile = p as Profile;
        if (profile.area.kind === 'polygon') seen.polygon++;
        else seen.regions++;
        if (profile.area.level === 2) seen.districts++;
        // Counts of people below 5 are written as a band, for everyone.
        if (profile.drivers.some((d) => d.value.startsWith('<'))) seen.small++;
        if (profile.metadata.scenario !== 'baseline') seen.scenario++;
      }
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('answer 400 and 422 alike, naming the field', async () => {
    const fail = async (body: unknown) => {
      const { status, body: b } = await same(body);
      return [status, (b as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field)];
    };
    expect(await fail({ regions: ['IQ-NI'], geometry: MOSUL })).toEqual([400, ['regions']]);
    expect(await fail({ lens: 'tip' })).toEqual([400, ['geometry']]);
    expect(await fail({ regions: ['IQ-NI', 'NOPE'] })).toEqual([400, ['regions.1']]);
    expect(await fail({ regions: ['IQ-NI', 'IRQ'] })).toEqual([400, ['regions']]);
    expect(await fail({ regions: ['IQ-NI', 'IQ-NI'] })).toEqual([400, ['regions']]);
    expect(await fail({ regions: ['IQ-NI'], from: '2018-01', to: '2017-01' })).toEqual([400, ['from']]);
    expect(await fail({ regions: ['IQ-NI'], scenario: 'nope' })).toEqual([400, ['scenario']]);
    expect(await fail({ geometry: { type: 'Polygon', coordinates: [box(-30, -30, -29, -29)] } })).toEqual([
      422,
      ['geometry'],
    ]);
  });
});
