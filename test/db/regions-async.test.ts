import { beforeAll, describe, expect, it } from 'vitest';
import type { AsyncDb } from '../../db/async.ts';
import { listRegions, regionsAsync } from '../../db/queries/regions.ts';
import { ENGINES, seededOnBothEngines } from '../helpers/engines.ts';

// The seeded database, and the same data copied into a real PostgreSQL: one set of assertions runs on both.
const both = seededOnBothEngines();

describe.each(ENGINES)('regions through the async interface on %s', (engine) => {
  let a: AsyncDb;
  beforeAll(() => {
    a = both.engines[engine]();
  });

  it('lists countries in code order, as the synchronous query does', async () => {
    const countries = await regionsAsync.list(a, { level: 0 });
    expect(a.engine).toBe(engine);
    expect(countries.length).toBeGreaterThan(150);
    expect(countries.every((r) => r.level === 0 && r.parent === null)).toBe(true);
    expect(countries.map((r) => r.code)).toEqual(countries.map((r) => r.code).sort());
    expect(countries).toEqual(listRegions(both.seeded(), { level: 0 }));
  });

  it("lists one country's regions and reads one region by code; an unknown code is undefined", async () => {
    const sudan = await regionsAsync.list(a, { level: 1, parent: 'SDN' });
    expect(sudan.length).toBeGreaterThan(5);
    expect(sudan.every((r) => r.parent === 'SDN')).toBe(true);
    expect(await regionsAsync.get(a, 'SDN')).toMatchObject({ code: 'SDN', name: 'Sudan', level: 0, retiredAt: null });
    expect(await regionsAsync.get(a, 'NOPE')).toBeUndefined();
    expect(await regionsAsync.count(a)).toBe(listRegions(both.seeded()).length);
  });

  it('adds only the aliases not stored yet', async () => {
    const alias = { alias: `sudan-${engine}`, kind: 'name', regionCode: 'SDN' };
    expect(await regionsAsync.addAliases(a, [alias, { alias: 'Sudan', kind: 'name', regionCode: 'SDN' }])).toBe(1);
    expect(await regionsAsync.addAliases(a, [alias])).toBe(0);
    expect(await regionsAsync.addAliases(a, [])).toBe(0);
  });
});
