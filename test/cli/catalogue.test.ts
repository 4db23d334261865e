import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCatalogueVersions } from '../../db/queries/catalogue.ts';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { withDb } from '../helpers/db.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let dbPath: string;
let dir: string;

/** Runs `node bin/vigil.js …` on the test database. */
const vigil = (...args: string[]) => runVigilHere(dbPath, args);

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const versionsInDb = () =>
  withDb(dbPath, (db) => listCatalogueVersions(db).map((v) => `${v.id}${v.isCurrent ? '*' : ''}`));

const retiredIn = (id: string) =>
  withDb(
    dbPath,
    (db) =>
      (db.$client.prepare('select retired_in as r from indicators where id = ?').get(id) as { r: string | null }).r,
  );

beforeAll(() => {
  dbPath = seededDbCopy();
  dir = mkdtempSync(join(tmpdir(), 'vigil-cli-catalogue-'));
});

describe('vigil catalogue', () => {
  it('lists the bundled versions, and exports a framework list that imports back as "no change"', async () => {
    const versions = await vigil('catalogue', 'versions');
    expect(versions.code).toBe(0);
    expect(versions.stdout).toMatch(/^\* 2026\.2 .*against 2026\.1: \+14 -10 ~12 {2}\(bundled, vigil-bundled-data\)$/m);
    expect(versions.stdout).toMatch(/^ {2}2026\.1 .*first load, 116 indicators/m);

    const exported = await vigil('catalogue', 'export', '--framework', 'crsv');
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'id,group,group_label,group_description,label,description,relevance,forms,measurement,max,saturation,unit,weight,persistence_months,level,citation,status',
    );
    expect(lines).toHaveLength(1 + 7);
    const again = await vigil('catalogue', 'import', file('crsv.csv', exported.stdout), '--framework', 'crsv');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('changes nothing');
    expect(versionsInDb()).toEqual(['2026.2*', '2026.1']);
  });

  it('rejects an invalid list with row and column, writing nothing', async () => {
    const csv = [
      'id,group,label,description,relevance,forms,weight,citation',
      'crsv.pillage,,,,maybe,,-1,',
      'crsv.new-signal,crsv.nowhere,New signal,Described,direct,sexual_slavery,1,Matrix 2011',
    ].join('\n');
    const r = await vigil('catalogue', 'import', file('crsv-bad.csv', csv), '--framework', 'crsv');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("row 2, relevance: 'maybe' is not one of direct, indirect, none");
    expect(r.stderr).toMatch(/row 2, weight: .*>0/);
    expect(r.stderr).toContain("row 3, group: 'crsv.nowhere' is not a group of the catalogue");
    expect(r.stderr).toContain('Nothing was written');
    expect(versionsInDb()).toEqual(['2026.2*', '2026.1']);
  });

  it('checks, imports and diffs a modified list: added, retired, changed', async () => {
    const exported = (await vigil('catalogue', 'export', '--framework', 'crsv')).stdout.trim().split('\n');
    const edited = exported
      .filter((l) => !l.startsWith('crsv.political-rhetoric,'))
      .map((l) => (l.startsWith('crsv.pillage,') ? l.replace(/^(crsv\.pillage,.*?,)indirect,/, '$1direct,') : l));
    expect(edited.join('\n')).toMatch(/^crsv\.pillage,.*,direct,/m);
    edited.push(
      'crsv.checkpoint-abuse,crsv.armed-conduct,,,Abuse of women at checkpoints,Reports of women and girls held or abused at armed checkpoints,direct,sexual_exploitation,severity,4,,,1,3,route,Matrix 2011 (test),official-number',
    );
    const path = file('crsv-official.csv', `${edited.join('\n')}\n`);

    const dry = await vigil('catalogue', 'import', path, '--framework', 'crsv', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2026.2 → 2026.3: 1 added, 1 removed (retired), 1 changed');
    expect(dry.stdout).toMatch(/^ {2}\+ crsv\.checkpoint-abuse$/m);
    expect(dry.stdout).toMatch(/^ {2}- crsv\.political-rhetoric {2}Escalating political rhetoric$/m);
    expect(dry.stdout).toMatch(/^ {2}~ crsv\.pillage .*\[relevance\]$/m);
    expect(dry.stdout).toContain('Dry run: nothing was written');
    expect(versionsInDb()).toEqual(['2026.2*', '2026.1']);

    const real = await vigil('catalogue', 'import', path, '--framework', 'crsv', '--version', '2026.2-test');
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Version 2026\.2-test is now in force \(120 indicators\); [\d,]+ scores recomputed/);
    expect(versionsInDb()).toEqual(['2026.2-test*', '2026.2', '2026.1']);
    expect(retiredIn('crsv.political-rhetoric')).toBe('2026.2-test');
    expect(retiredIn('crsv.pillage')).toBeNull();

    const diff = await vigil('catalogue', 'diff', '2026.2', '2026.2-test', '--json');
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({
      added: ['crsv.checkpoint-abuse'],
      removed: ['crsv.political-rhetoric'],
      changed: [{ id: 'crsv.pillage', fields: ['relevance'] }],
    });
  });

  it('exports the catalogue this release bundles, even when an imported one is in force', async () => {
    const r = await vigil('catalogue', 'export', '--bundled');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(defaultCatalogue)));
    expect((await vigil('catalogue', 'export', '--bundled', '--version', '2026.1')).code).toBe(2);
  });

  it('explains its usage on a mistake', async () => {
    const r = await vigil('catalogue', 'diff', '2026.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: vigil catalogue import <file>');
    const unknown = await vigil('catalogue', 'diff', '2026.1', '1999.1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no catalogue version '1999.1'");
  });
});
