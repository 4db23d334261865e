import { beforeAll, describe, expect, it } from 'vitest';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { signedInOnBothEngines } from '../helpers/engine-apps.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

// GET /api/regions/{code}/explain on the awaited interface: built in the read pool over the SQLite
// file on one engine, in process from what the awaited reads give on PostgreSQL, by the same code.
// The PostgreSQL app gets a closed SQLite handle (as in not-on-postgresql.test.ts): a read left on it
// would fail, not answer the SQLite copy.
const both = seededOnBothEngines();
const {
  app,
  who: { analyst },
} = signedInOnBothEngines(both, ['analyst']);
let periods: string[];

/** A made-up district under Iraq's Ninewa (the seeded data have none): it inherits its region's and country's records. */
const DISTRICT = { code: 'IQ-NI-T1', name: 'Test district', level: 2, parent: 'IQ-NI' };

beforeAll(async () => {
  periods = scoredPeriods(both.seeded());
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    await data.db.insert(data.t.regions).values(DISTRICT);
  }
});

async function answer(engine: Engine, path: string, headers: Record<string, string> = {}) {
  const res = await app[engine].request(path, { headers });
  return { status: res.status, cache: res.headers.get('Cache-Control'), body: (await res.json()) as unknown };
}

/** The same request on both engines, the answers checked equal; the SQLite one is returned. */
const same = (path: string, asAnalyst = false) =>
  sameOnEngines((e) => answer(e, path, asAnalyst ? analyst[e] : {}), `${path}${asAnalyst ? ' (analyst)' : ''}`);

type Explanation = {
  region: string;
  score: number | null;
  basis: string;
  counts: string;
  rolledUpFrom: unknown;
  country: unknown;
  notes: string[];
  contributions: { observed: boolean; sourceCitation?: string; inherited: boolean }[];
};

describe('explanations on both engines', () => {
  it('are the same for a country, its regions, a district and a region without data, in each lens and language', async () => {
    const seen = { rolledUp: 0, withCountry: 0, cited: 0, inherited: 0, none: 0 };
    const middle = periods[Math.floor(periods.length / 2)]!;
    for (const code of ['IRQ', 'IQ-NI', 'SY-RA', 'NGA', 'LBY', DISTRICT.code, 'ABW-5150'])
      for (const query of ['', '?lens=tip', '?lens=afac&lang=fr', `?lens=crsv&period=${middle}&lang=ar`, '?lens=osce'])
        for (const asAnalyst of [false, true]) {
          const { status, body, cache } = await same(`/api/regions/${code}/explain${query}`, asAnalyst);
          expect(status, `${code}${query}`).toBe(200);
          const e = body as Explanation;
          expect(e.region).toBe(code);
          expect(e.counts).toBe(asAnalyst ? 'exact' : 'banded');
          if (asAnalyst) expect(cache).toBe('private, no-store');
          if (e.rolledUpFrom) seen.rolledUp++;
          if (e.country) seen.withCountry++;
          if (e.contributions.some((c) => c.sourceCitation)) seen.cited++;
          if (e.contributions.some((c) => c.observed && c.inherited)) seen.inherited++;
          if (e.basis === 'none') seen.none++;
        }
    // What the answers covered: roll-ups, a region's country beside it, cited sources, inherited records, no data.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('answer 400 and 404 alike; another scenario or method is computed alike (read pool, or in process on PostgreSQL)', async () => {
    expect((await same('/api/regions/NOPE/explain')).status).toBe(404);
    expect((await same('/api/regions/IRQ/explain?lens=nope')).status).toBe(400);
    expect((await same('/api/regions/IRQ/explain?scenario=nope')).status).toBe(400);
    expect((await same('/api/regions/IRQ/explain?period=2019-13')).status).toBe(400);
    for (const query of ['?scenario=children-focus', '?method=v1'])
      expect((await same(`/api/regions/IRQ/explain${query}`)).status).toBe(200);
  });
});
