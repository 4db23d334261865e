import { and, asc, eq } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareScoreAnswers } from '../../api/services/scores/score-answers.ts';
import { pgAsync, sqliteAsync } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { openPg, pgOnClient, runPgMigrations, type PgConnection } from '../../db/pg/client.ts';
import { copySqliteToPg, CopyRefused } from '../../db/pg/copy.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { LENSES } from '../../indicators/index.ts';
import * as p from '../../db/pg/schema.ts';
import * as s from '../../db/schema/index.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let server: TestPostgres;
let source: string;
let sqlite: Connection;
let pg: PgConnection;
let copied: Awaited<ReturnType<typeof runVigilHere>>;

const TABLES = Object.values(p)
  .filter((t) => typeof t === 'object' && t !== null && Symbol.for('drizzle:Name') in t)
  .map((t) => (t as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!);
const sqliteCount = (t: string) => sqlite.$client.prepare(`select count(*) from "${t}"`).pluck().get() as number;
const pgCounts = async (db: PgConnection) => {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.$client.query(`select count(*) n from "${t}"`)).rows[0].n);
  return out;
};
const migrate = (to: string) => runVigilHere(source, ['migrate-db', '--from', source, '--to', to]);

beforeAll(async () => {
  server = await startPostgres();
  // The seeded database, plus what the bundled data lack: an account, an import batch and its audit rows.
  source = seededDbCopy();
  const env = { VIGIL_PASSWORD: 'a long enough test passphrase' };
  expect((await runVigilHere(source, ['users', 'add', '--email', 'admin@example.org', '--admin'], env)).code).toBe(0);
  const csv = join(dirname(source), 'later.csv');
  writeFileSync(csv, 'region,indicator,period,value,confidence,source\nIQ-NI,afac.7.9,2016-06,0,high,Later report\n');
  expect((await runVigilHere(source, ['import', csv])).code).toBe(0);
  sqlite = openDb(source, { readonly: true });
  copied = await migrate(server.url);
  pg = openPg(server.url);
});
afterAll(async () => {
  sqlite?.$client.close();
  await pg?.$client.end();
  await server?.stop();
});

describe('vigil migrate-db', () => {
  it('copies every table of the seeded database, with the same row counts, and says it verified them', async () => {
    expect(copied.code, copied.stderr).toBe(0);
    expect(TABLES.length).toBeGreaterThanOrEqual(18);
    const counts = await pgCounts(pg);
    for (const t of TABLES) expect(counts[t], t).toBe(sqliteCount(t));
    expect(counts.scores).toBeGreaterThan(1000);
    expect(counts.users).toBe(1);
    expect(counts.import_batches).toBe(1);
    expect(copied.stdout).toMatch(new RegExp(`Copied and verified ${TABLES.length} tables`));
    expect(copied.stdout).toMatch(/scores\s+[\d,]+ rows {2}sha256 [0-9a-f]{16}/);
    expect(copied.stdout).not.toMatch(/password/i);
  });

  it('reads back the same rows through drizzle on both engines: JSON, booleans, reals and nulls as they were', async () => {
    const region = (await pg.select().from(p.regions).where(eq(p.regions.code, 'SDN')))[0];
    expect(region).toEqual(sqlite.select().from(s.regions).where(eq(s.regions.code, 'SDN')).get());
    expect(region?.name).toBe('Sudan');
    const scoreRows = await pg.select().from(p.scores).where(eq(p.scores.regionCode, 'SDN'));
    const sqliteScores = sqlite.select().from(s.scores).where(eq(s.scores.regionCode, 'SDN')).all();
    expect(scoreRows.length).toBeGreaterThan(10);
    expect(scoreRows.some((r) => r.score !== null && r.drivers.length > 0)).toBe(true);
    expect(new Set(scoreRows.map((r) => JSON.stringify(r)))).toEqual(
      new Set(sqliteScores.map((r) => JSON.stringify(r))),
    );
    expect(await pg.select().from(p.catalogueVersions)).toEqual(sqlite.select().from(s.catalogueVersions).all());
    expect(await pg.select().from(p.boundarySets)).toEqual(sqlite.select().from(s.boundarySets).all());
    expect(await pg.select().from(p.users)).toEqual(sqlite.select().from(s.users).all());
    expect(await pg.select().from(p.auditLog).orderBy(asc(p.auditLog.id))).toEqual(
      sqlite.select().from(s.auditLog).orderBy(asc(s.auditLog.id)).all(),
    );
  });

  it('compares /api/scores for every stored month, lens and level on both engines, and says how many', async () => {
    const months = scoredPeriods(sqlite);
    expect(months.length).toBeGreaterThan(12);
    const answers = months.length * LENSES.length * 2;
    expect(copied.stdout).toContain(
      `Compared ${answers.toLocaleString('en')} /api/scores answers (${months.length} months × ${LENSES.length} lenses × levels 0, 1): identical on both engines.`,
    );
    expect(await compareScoreAnswers(sqliteAsync(sqlite), pgAsync(pg))).toEqual({
      compared: answers,
      months: months.length,
      scenarios: 1,
      levels: [0, 1],
    });
  });

  it('finds an altered score row in the PostgreSQL copy, naming month, lens, level and region', async () => {
    // A scored first-level region in a middle month, altered inside a transaction that is then undone.
    const row = sqlite.$client
      .prepare(
        `select period, lens, level, region_code as region, score from scores where level = 1 and score is not null order by period, lens, region_code limit 1 offset 40`,
      )
      .get() as { period: string; lens: string; level: number; region: string; score: number };
    const client = await pg.$client.connect();
    try {
      await client.query('begin');
      const altered = await client.query(
        'update scores set score = score + 1 where period = $1 and lens = $2 and level = $3 and region_code = $4',
        [row.period, row.lens, row.level, row.region],
      );
      expect(altered.rowCount).toBe(1);
      const found = await compareScoreAnswers(sqliteAsync(sqlite), pgAsync(pgOnClient(client)));
      const { score: _, ...key } = row;
      expect(found.difference).toEqual({ scenario: 'baseline', ...key });
      // Stops there: fewer answers compared than the whole set.
      expect(found.compared).toBeLessThan(scoredPeriods(sqlite).length * LENSES.length * 2);
      // A difference the API rounds away (scores are sent to two decimals) is no difference in the answer.
      await client.query(
        'update scores set score = score - 1 + 1e-9 where period = $1 and lens = $2 and level = $3 and region_code = $4',
        [row.period, row.lens, row.level, row.region],
      );
      expect((await compareScoreAnswers(sqliteAsync(sqlite), pgAsync(pgOnClient(client)))).difference).toBeUndefined();
      // A missing row is a region answered as no-data.
      await client.query('delete from scores where period = $1 and lens = $2 and level = $3 and region_code = $4', [
        row.period,
        row.lens,
        row.level,
        row.region,
      ]);
      expect((await compareScoreAnswers(sqliteAsync(sqlite), pgAsync(pgOnClient(client)))).difference).toEqual({
        scenario: 'baseline',
        period: row.period,
        lens: row.lens,
        level: row.level,
        region: row.region,
      });
    } finally {
      await client.query('rollback');
      client.release();
    }
    expect((await compareScoreAnswers(sqliteAsync(sqlite), pgAsync(pg))).difference).toBeUndefined();
  });

  it('undoes the whole copy when an answer differs', async () => {
    const target = openPg(await server.createDatabase('answers_differ'));
    try {
      const copy = copySqliteToPg(sqlite, target, undefined, async (from, to) => {
        // The copied rows read back equal (checksums passed); an answer built from them must differ now.
        await to.db
          .update(to.t.scores)
          .set({ class: 'altered' })
          .where(and(eq(to.t.scores.level, 0), eq(to.t.scores.lens, 'overall')));
        const { difference } = await compareScoreAnswers(from, to);
        if (difference) throw new CopyRefused(`differs at ${difference.region}`);
      });
      await expect(copy).rejects.toThrow(/differs at [A-Z]{3}/);
      expect(Object.values(await pgCounts(target)).every((n) => n === 0)).toBe(true);
    } finally {
      await target.$client.end();
    }
  });

  it('moves the id sequences past the copied ids, so the next row gets a new id', async () => {
    const maxId = sqlite.$client.prepare('select max(id) from observations').pluck().get() as number;
    const [row] = await pg
      .insert(p.observations)
      .values({
        regionCode: 'SDN',
        indicatorId: 'x',
        period: '2026-01',
        value: 1,
        confidence: 'low',
        sourceCitation: 'test',
        enteredBy: 'test',
        enteredAt: 'now',
      })
      .returning({ id: p.observations.id });
    expect(row!.id).toBe(maxId + 1);
  });

  it('refuses a database that already holds Vigil data, and writes nothing to it', async () => {
    const before = await pgCounts(pg);
    const again = await migrate(server.url);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds Vigil data \(\w+: \d+ rows\)/);
    expect(await pgCounts(pg)).toEqual(before);
  });

  it('undoes the whole copy when a table does not read back the same (checksum), naming the table', async () => {
    const url = await server.createDatabase('tampered');
    const target = openPg(url);
    try {
      await runPgMigrations(target);
      // A target that quietly changes one value on the way in: counts stay equal, the checksum does not.
      await target.$client.query(`create function nudge() returns trigger language plpgsql as $$
        begin if new.region_code = 'SDN' and new.score is not null then new.score := new.score + 0.001; end if; return new; end $$`);
      await target.$client.query('create trigger nudge before insert on scores for each row execute function nudge()');
      const r = await migrate(url);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /scores: verification failed \(SQLite (\d+) rows, checksum \w+; PostgreSQL \1 rows, checksum \w+\)/,
      );
      expect(r.stderr).toMatch(/No rows were written/);
      expect(Object.values(await pgCounts(target)).every((n) => n === 0)).toBe(true);
    } finally {
      await target.$client.end();
    }
  });

  it("needs no superuser: a database's plain owner can run it", async () => {
    const admin = openPg(server.url);
    try {
      await admin.$client.query('create role owner_only login');
      await admin.$client.query('create database owned owner owner_only');
    } finally {
      await admin.$client.end();
    }
    const r = await migrate(server.url.replace('postgres@', 'owner_only@').replace(/\/vigil$/, '/owned'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Copied and verified ${TABLES.length} tables`));
  });

  it('names what is wrong in how it was called', async () => {
    const missing = await runVigilHere(source, ['migrate-db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--to is missing/);
    const sqliteUrl = await runVigilHere(source, ['migrate-db', '--to', 'sqlite:///tmp/x.db']);
    expect(sqliteUrl.code).toBe(2);
    expect(sqliteUrl.stderr).toMatch(/--to must be a postgres:\/\/ URL/);
    const noFile = await runVigilHere(source, ['migrate-db', '--from', '/nonexistent/vigil.db', '--to', server.url]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/no SQLite database at \/nonexistent\/vigil.db/);
  });
});
