import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { regionMatcher } from '../../api/services/imports/region-matcher.ts';
import { openDb } from '../../db/client.ts';
import { addRegionAliases } from '../../db/queries/imports.ts';
import { setSetting } from '../../db/queries/settings.ts';
import { withDb } from '../helpers/db.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

// The synchronous matcher's cache on a SQLite connection (moved from imports.test.ts, which runs on both
// engines): on PostgreSQL the awaited matcher is kept by the data version, which any write moves.
const dbPath = seededDbCopy();
const db = openDb(dbPath);
afterAll(() => {
  db.$client.close();
  rmSync(dirname(dbPath), { recursive: true, force: true });
});

it('keeps one matcher until regions or aliases change, whichever connection writes them', () => {
  const first = regionMatcher(db);
  withDb(dbPath, (other) => setSetting(other, 'test.unrelated', 'a write that is not a region'));
  expect(regionMatcher(db)).toBe(first);
  expect(first.match('Anbar test')).toEqual({ ok: false, reason: 'unmatched' });
  withDb(dbPath, (other) => addRegionAliases(other, [{ alias: 'Anbar test', kind: 'name', regionCode: 'IQ-AN' }]));
  const next = regionMatcher(db);
  expect(next).not.toBe(first);
  expect(next.match('anbar TEST')).toEqual({ ok: true, code: 'IQ-AN', by: 'name' });
});
