import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVigilHere } from '../helpers/cli.ts';
import { withDb } from '../helpers/db.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { PERSONAL_SAMPLES } from '../fixtures/personal-data.ts';

const COLUMNS = ['source', 'locator', 'note'] as const;

describe('vigil import refuses personal data', () => {
  it('rejects each pattern in the source, locator and note columns, naming row and column, and writes nothing', async () => {
    const dbPath = seededDbCopy();
    const before = withDb(dbPath, (db) => db.$client.prepare('SELECT count(*) AS n FROM observations').get());
    const lines = ['region,indicator,period,value,confidence,source,locator,note'];
    let m = 0;
    for (const column of COLUMNS)
      for (const { text } of PERSONAL_SAMPLES) {
        const cells = { source: 'Situation report', locator: 'p. 4', note: 'Area note', [column]: text };
        const period = `${2000 + Math.floor(m / 12)}-${String((m++ % 12) + 1).padStart(2, '0')}`;
        lines.push(
          ['NG-BO', 'afac.rf1', period, '2', 'medium', cells.source, cells.locator, cells.note]
            .map((c) => `"${c.replaceAll('"', '""')}"`)
            .join(','),
        );
      }
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-pii-')), 'partner.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await runVigilHere(dbPath, ['import', file, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      rowsRejectedCount: number;
      rowsRejected: { row: number; column: string; reason: string }[];
    };
    expect(report.rowsRejectedCount).toBe(COLUMNS.length * PERSONAL_SAMPLES.length);
    COLUMNS.forEach((column, c) => {
      const rows = report.rowsRejected
        .filter((x) => x.column === column && /must never identify a person/.test(x.reason))
        .map((x) => x.row);
      expect(rows).toEqual(PERSONAL_SAMPLES.map((_, i) => 2 + c * PERSONAL_SAMPLES.length + i));
    });
    expect(withDb(dbPath, (db) => db.$client.prepare('SELECT count(*) AS n FROM observations').get())).toEqual(before);
  });
});
