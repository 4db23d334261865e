import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBoundaryFiles } from '../../bench/generate-boundaries.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { withDb } from '../helpers/db.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let dbPath: string;
let clean: string[];
let flawed: string[];

const vigil = (...args: string[]) => runVigilHere(dbPath, args);
const districts = () => withDb(dbPath, (db) => listRegions(db, { level: 2 }));

beforeAll(() => {
  dbPath = seededDbCopy();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-boundaries-'));
  flawed = writeBoundaryFiles(join(dir, 'flawed'), { seed: 21 });
  clean = writeBoundaryFiles(join(dir, 'clean'), { seed: 22, flaws: false });
});

describe('vigil boundaries import', () => {
  it('checks a flawed zipped Shapefile with --dry-run: the repair, the duplicate and the parents, exit 1, nothing written', async () => {
    const run = await vigil('boundaries', 'import', flawed[2]!, '--level', '2', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^adm2\.shp\.zip \(shapefile\): \d+ features, level 2; code ADM2_PCODE, names ADM2_EN, ADM2_AR, ADM2_FR, parent ADM1_PCODE/,
    );
    expect(run.stdout).toMatch(/repaired: \S+ \S+ has a ring crossing itself \(repaired\)/);
    expect(run.stdout).toMatch(/parents: 0 by parent code, \d+ by largest overlap/);
    expect(run.stdout).toMatch(/IQ\d{3} → IQ-\w+ \(overlap 100 %\)/);
    expect(run.stderr).toMatch(/Problems \(1\):\n {2}code \S+ is used by 2 features/);
    expect(run.stderr).toContain('Nothing was written');
    expect(districts()).toEqual([]);
  });

  it('stores a clean GeoJSON set with its licence, and says why when the licence is missing', async () => {
    const missing = await vigil('boundaries', 'import', clean[0]!, '--valid-from', '2016-01-01');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/licence is required to store a set/);
    const bad = await vigil('boundaries', 'import', clean[0]!, '--level', 'two');
    expect(bad.code).toBe(2);
    const run = await vigil(
      'boundaries',
      'import',
      clean[0]!,
      '--licence',
      'Generated test data',
      '--valid-from',
      '2016-01-01',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Stored as boundary set adm2-[0-9a-f]{6}\./);
    const stored = districts();
    expect(stored.length).toBeGreaterThan(200);
    expect(stored.every((d) => /^(IQ|NG)-/.test(d.parent ?? ''))).toBe(true);
  });
});
