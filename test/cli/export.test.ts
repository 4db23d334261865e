import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb } from '../../db/client.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let dbPath: string;
let dir: string;
let app: ReturnType<typeof createApp>;
let appDb: ReturnType<typeof openDb>;
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** Runs `node bin/vigil.js …` on the test database; stdout is kept as bytes (the CSV starts with a byte-order mark). */
const vigil = async (...args: string[]) => {
  const r = await runVigilHere(dbPath, args);
  return { ...r, stdout: r.bytes };
};

/** The bytes `GET path` answers in-process on the same database. */
async function download(path: string): Promise<Buffer> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(() => {
  dbPath = seededDbCopy();
  dir = mkdtempSync(join(tmpdir(), 'vigil-cli-export-'));
  appDb = openDb(dbPath);
  app = createApp({ db: appDb, version });
});
afterAll(() => appDb?.$client.close());

describe('vigil export scores', () => {
  it('writes to stdout the very CSV that GET /api/export/scores.csv serves', async () => {
    const r = await vigil('export', 'scores', '--period', '2017-07', '--lens', 'tip', '--level', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.equals(await download('/api/export/scores.csv?period=2017-07&lens=tip&level=1'))).toBe(true);
    const rows = parse(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(4000);
    expect(rows.find((x) => x.region === 'IQ-NI')).toMatchObject({
      period: '2017-07',
      lens: 'tip',
      level: '1',
      scenario: 'baseline',
    });
    expect(rows.filter((x) => x.score !== '').length).toBeGreaterThan(10);
  });

  it('writes HXL and a weighting scenario to a file, as the API does', async () => {
    const out = join(dir, 'tip.hxl.csv');
    const r = await vigil(
      'export',
      'scores',
      '--period',
      '2017-07',
      '--lens',
      'tip',
      '--level',
      '0',
      '--scenario',
      'children-focus',
      '--format',
      'hxl',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toMatch(
      /^Wrote .*tip\.hxl\.csv \(hxl\): \d{3} regions of level 0, 2017-07, tip lens, children-focus weights\n$/,
    );
    const file = readFileSync(out);
    expect(
      file.equals(await download('/api/export/scores.hxl.csv?period=2017-07&lens=tip&level=0&scenario=children-focus')),
    ).toBe(true);
    expect(file.toString('utf8').split('\r\n')[1]).toMatch(/^#country\+code,/);
  });

  it('writes GeoJSON with the metadata of the API download, taking the API defaults', async () => {
    const out = join(dir, 'scores.geojson');
    const r = await vigil('export', 'scores', '--format', 'geojson', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    type Fc = {
      type: string;
      features: { id: string; geometry: unknown; properties: { lens: string; level: number } }[];
      metadata: Record<string, unknown>;
    };
    const cli = JSON.parse(readFileSync(out, 'utf8')) as Fc;
    const api = JSON.parse((await download('/api/export/scores.geojson')).toString('utf8')) as Fc;
    expect(cli.type).toBe('FeatureCollection');
    expect({ ...cli.metadata, generatedAt: null }).toEqual({ ...api.metadata, generatedAt: null });
    expect(cli.features).toEqual(api.features);
    expect(cli.metadata).toMatchObject({
      lens: 'overall',
      level: 0,
      scenario: 'baseline',
      generator: `Vigil ${version}`,
    });
  });

  it('says so when the month has no scores, and still writes every region as no-data', async () => {
    const r = await vigil('export', 'scores', '--period', '1999-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nothing is scored in 1999-01 \(scored months: 2014-\d\d to 2017-\d\d\)/);
    const rows = parse(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((x) => x.class === 'no-data' && x.score === '')).toBe(true);
  });

  it('refuses bad arguments with exit code 2, naming the option, writing nothing', async () => {
    const out = join(dir, 'never.csv');
    for (const [args, message] of [
      [['--lens', 'trafficking'], /--lens must be one of overall, crsv, osce, afac, tip/],
      [['--period', '2017-7'], /--period must be a month written YYYY-MM/],
      [['--period', '2017-13'], /--period must be a month/],
      [['--level', '3'], /--level must be 0, 1 or 2/],
      [['--format', 'xlsx'], /--format must be one of csv, hxl, geojson/],
      [['--scenario', 'nobody'], /--scenario 'nobody' is unknown; one of baseline, /],
      [['--lense', 'tip'], /unknown option --lense/],
      [['--period'], /--period needs a value/],
      [['extra'], /unexpected argument 'extra'/],
    ] as const) {
      const r = await vigil('export', 'scores', ...args, '--out', out);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Usage: vigil export scores/);
      expect(r.stdout.length).toBe(0);
    }
    expect(existsSync(out)).toBe(false);
    const none = await vigil('export');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/say what to export: scores/);
    expect((await vigil('export', 'alerts')).stderr).toMatch(/cannot export 'alerts'; only scores/);
  });

  it('credits UCDP once UCDP events are imported', async () => {
    const before = await vigil('export', 'scores', '--period', '2014-08', '--level', '1', '--format', 'geojson');
    expect(
      (JSON.parse(before.stdout.toString('utf8')) as { metadata: { attribution: string[] } }).metadata.attribution.join(
        ' ',
      ),
    ).not.toContain('UCDP');
    expect((await vigil('import-ucdp', 'db/seed/ucdp/ged-sample.csv')).code).toBe(0);
    const after = await vigil('export', 'scores', '--period', '2014-08', '--level', '1', '--format', 'geojson');
    const m = (
      JSON.parse(after.stdout.toString('utf8')) as { metadata: { attribution: string[]; dataSets: { id: string }[] } }
    ).metadata;
    expect(m.attribution).toContainEqual(expect.stringMatching(/UCDP .*CC BY 4\.0/));
    expect(m.dataSets.map((d) => d.id)).toContain('ucdp');
  });
});
