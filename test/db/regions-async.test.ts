import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openPg, type PgConnection } from '../../db/pg/client.ts';
import { copySqliteToPg } from '../../db/pg/copy.ts';
import { listRegions, regionsAsync } from '../../db/queries/regions.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

// The seeded database, and the same data copied into a real PostgreSQL: one set of assertions runs on both.
let seeded: ReturnType<typeof openSeededCopy>;
let server: TestPostgres;
let pg: PgConnection;
const engines: Record<'sqlite' | 'postgres', () => AsyncDb> = {
  sqlite: () => sqliteAsync(seeded.db),
  postgres: () => pgAsync(pg),
};

beforeAll(async () => {
  seeded = openSeededCopy();
  server = await startPostgres();
  pg = openPg(server.url);
  await copySqliteToPg(seeded.db, pg);
});
afterAll(async () => {
  await pg?.$client.end();
  await server?.stop();
  seeded?.close();
});

describe.each(['sqlite', 'postgres'] as const)('regions through the async interface on %s', (engine) => {
  let a: AsyncDb;
  beforeAll(() => {
    a = engines[engine]();
  });

  it('lists countries in code order, as the synchronous query does', async () => {
    const countries = await regionsAsync.list(a, { level: 0 });
    expect(a.engine).toBe(engine);
    expect(countries.length).toBeGreaterThan(150);
    expect(countries.every((r) => r.level === 0 && r.parent === null)).toBe(true);
    expect(countries.map((r) => r.code)).toEqual(countries.map((r) => r.code).sort());
    expect(countries).toEqual(listRegions(seeded.db, { level: 0 }));
  });

  it("lists one country's regions and reads one region by code; an unknown code is undefined", async () => {
    const sudan = await regionsAsync.list(a, { level: 1, parent: 'SDN' });
    expect(sudan.length).toBeGreaterThan(5);
    expect(sudan.every((r) => r.parent === 'SDN')).toBe(true);
    expect(await regionsAsync.get(a, 'SDN')).toMatchObject({ code: 'SDN', name: 'Sudan', level: 0, retiredAt: null });
    expect(await regionsAsync.get(a, 'NOPE')).toBeUndefined();
    expect(await regionsAsync.count(a)).toBe(listRegions(seeded.db).length);
  });

  it('adds only the aliases not stored yet', async () => {
    const alias = { alias: `sudan-${engine}`, kind: 'name', regionCode: 'SDN' };
    expect(await regionsAsync.addAliases(a, [alias, { alias: 'Sudan', kind: 'name', regionCode: 'SDN' }])).toBe(1);
    expect(await regionsAsync.addAliases(a, [alias])).toBe(0);
    expect(await regionsAsync.addAliases(a, [])).toBe(0);
  });
});
