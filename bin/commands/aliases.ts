import { createReadStream } from 'node:fs';
import { appendAudit } from '../../db/queries/audit.ts';
import { addRegionAliases } from '../../db/queries/imports.ts';
import { openCsv } from '../../api/services/imports/records.ts';
import { regionMatcher } from '../../api/services/imports/region-matcher.ts';
import { stringOption, UsageError } from '../args.ts';
import { cliActor, openCliDb } from '../db.ts';
import type { Command } from '../registry.ts';

const KINDS = ['pcode', 'iso', 'ne', 'name'];

/**
 * `vigil aliases <file>`: teaches Vigil other codes or names of regions, e.g. OCHA p-codes from a
 * COD-AB table, so imports can match them. The CSV has columns `alias` and `region` (a code or an
 * exact name Vigil already knows), and optionally `country` to narrow names.
 */
export const aliasesCommand: Command = {
  name: 'aliases',
  summary: 'Add region aliases (e.g. OCHA p-codes) from a CSV with columns alias, region[, country]',
  usage: '<file> [--kind pcode|iso|ne|name]',
  async run(args, io) {
    const file = args.positionals[0];
    if (!file) throw new UsageError('give a CSV file');
    const kind = stringOption(args, 'kind') ?? 'pcode';
    if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
    const { db } = openCliDb(io.env);
    try {
      const csv = await openCsv(createReadStream(file), 'csv');
      const col = (n: string) => csv.header.findIndex((h) => h.trim().toLowerCase() === n);
      const [a, r, c] = [col('alias'), col('region'), col('country')];
      if (a < 0 || r < 0) throw new UsageError('the CSV needs columns alias and region');
      const matcher = regionMatcher(db);
      const rows: { alias: string; kind: string; regionCode: string }[] = [];
      let failed = 0;
      for await (const rec of csv.records) {
        const m = matcher.match(rec.cells[r] ?? '', c >= 0 ? rec.cells[c] : undefined);
        const alias = (rec.cells[a] ?? '').trim();
        if (m.ok && alias) rows.push({ alias, kind, regionCode: m.code });
        else {
          failed += 1;
          io.err(`  row ${rec.row}: ${alias ? `region '${rec.cells[r]}' ${m.ok ? '' : m.reason}` : 'alias is empty'}`);
        }
      }
      if (failed) {
        io.err(`${failed} rows could not be matched; nothing was added.`);
        return 1;
      }
      const at = new Date().toISOString();
      const added = db.transaction((tx) => {
        const n = addRegionAliases(tx, rows);
        appendAudit(tx, {
          at,
          actor: cliActor().name,
          action: 'create',
          entity: 'region_alias',
          entityId: null,
          before: null,
          after: { file, kind, added: n },
        });
        return n;
      });
      io.out(`Added ${added} ${kind} aliases (${rows.length - added} already known).`);
      return 0;
    } finally {
      db.$client.close();
    }
  },
};
