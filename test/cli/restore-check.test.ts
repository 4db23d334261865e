import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runVigilHere } from '../helpers/cli.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let live: string;
let dir: string;
let backup: string;

/** The live database's bytes and modification time: the drill must leave both as they were. */
const fingerprint = (path: string) => ({
  sha: createHash('sha256').update(readFileSync(path)).digest('hex'),
  mtime: statSync(path).mtimeMs,
});
/** A copy of the backup altered by `tamper`, as someone with access to the backup folder could. */
const tampered = (name: string, tamper: (db: Database.Database) => void) => {
  const path = join(dir, name);
  copyFileSync(backup, path);
  const db = new Database(path);
  tamper(db);
  db.close();
  return path;
};
const check = async (file: string) => {
  const r = await runVigilHere(live, ['restore', '--check', file]);
  return { code: r.code, text: `${r.stdout}\n${r.stderr}` };
};

beforeAll(async () => {
  live = seededDbCopy();
  dir = mkdtempSync(join(tmpdir(), 'vigil-restore-check-'));
  backup = join(dir, 'backup.db');
  const r = await runVigilHere(live, ['backup', backup]);
  expect(r.code, r.stderr).toBe(0);
});

describe('vigil restore --check', () => {
  it('passes a sound backup, comparing every stored month, and never touches the live database', async () => {
    const before = fingerprint(live);
    const r = await check(backup);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(/compared \/api\/scores for (\d+) months × 5 lenses × 2 levels/);
    // The last month × 5 lenses × 2 levels asked through the app, with the ETags built directly.
    expect(r.text).toMatch(/\((\d+) answers, 10 of the backup's also asked through the API\)/);
    expect(r.text).toMatch(/Restore check passed/);
    expect(fingerprint(live)).toEqual(before);
  }, 120_000);

  it('tells writes made after the backup from differences they cannot explain', async () => {
    const later = mkdtempSync(join(tmpdir(), 'vigil-restore-check-'));
    const moved = join(later, 'vigil.db');
    copyFileSync(live, moved);
    const csv = join(later, 'later.csv');
    writeFileSync(csv, 'region,indicator,period,value,confidence,source\nIQ-NI,afac.7.9,2016-06,0,high,Later report\n');
    expect((await runVigilHere(moved, ['import', csv])).code).toBe(0);
    const r = await runVigilHere(moved, ['restore', '--check', backup]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /1 score-changing writes were recorded after the backup; they can change months from 2016-06 on/,
    );
  }, 120_000);

  it.each([
    [
      'an observation’s value changed',
      (db: Database.Database) => db.prepare('UPDATE observations SET value = 0 WHERE id = 1').run(),
      /observation 1 differs[\s\S]*answers differ in months no later write explains: 2014-08/,
    ],
    [
      'an observation deleted',
      (db: Database.Database) => db.prepare('DELETE FROM observations WHERE id = 2').run(),
      /1 observations of the live database up to id \d+ are missing/,
    ],
    [
      'an audit entry rewritten (its guard trigger dropped first)',
      (db: Database.Database) => {
        for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
          name: string;
        }[])
          db.exec(`DROP TRIGGER "${name}"`);
        db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE id = 1").run();
      },
      /Audit log: entry 1 of the backup differs/,
    ],
  ])(
    'fails a backup with %s, and says so',
    async (_what, tamper, message) => {
      const r = await check(tampered(`${_what.replace(/\W+/g, '-')}.db`, tamper));
      expect(r.code, r.text).toBe(1);
      expect(r.text).toMatch(message);
      expect(r.text).toMatch(/Restore check FAILED/);
    },
    120_000,
  );

  it('fails a corrupted file before restoring anything', async () => {
    const path = join(dir, 'corrupt.db');
    const bytes = readFileSync(backup);
    bytes.fill(0x5a, 8192, 8192 + 4096 * 3);
    writeFileSync(path, bytes);
    const r = await check(path);
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/not a sound Vigil backup/);
  });
});
