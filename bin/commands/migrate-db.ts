import { existsSync } from 'node:fs';
import { parseEnv } from '../../api/env.ts';
import { compareScoreAnswers, type AnswersCompared } from '../../api/services/scores/score-answers.ts';
import { openDb } from '../../db/client.ts';
import { LENSES } from '../../indicators/index.ts';
import { openPg } from '../../db/pg/client.ts';
import { copySqliteToPg, CopyRefused } from '../../db/pg/copy.ts';
import { stringOption, UsageError } from '../args.ts';
import type { Command } from '../registry.ts';

/** `vigil migrate-db --from ./data/vigil.db --to postgres://…`: copies a SQLite database into an empty PostgreSQL one. */
export const migrateDbCommand: Command = {
  name: 'migrate-db',
  summary: 'Copy the SQLite database into an empty PostgreSQL database, verified table by table and answer by answer',
  usage: '--to postgres://user:password@host:port/database [--from path (default VIGIL_DB)]',
  async run(args, io) {
    const from = stringOption(args, 'from') ?? parseEnv(io.env).VIGIL_DB;
    const to = stringOption(args, 'to');
    if (!to) throw new UsageError('--to is missing: the PostgreSQL database to copy into, postgres://…');
    let target: URL;
    try {
      target = new URL(to);
    } catch {
      throw new UsageError(`--to is not a URL: give postgres://user:password@host:port/database`);
    }
    if (target.protocol !== 'postgres:' && target.protocol !== 'postgresql:')
      throw new UsageError(`--to must be a postgres:// URL, not ${target.protocol}//…`);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
    if (!existsSync(from)) {
      io.err(`vigil migrate-db: no SQLite database at ${from} (--from)`);
      return 1;
    }
    // Where it goes, without the password.
    const where = `${target.hostname}${target.port ? `:${target.port}` : ''}${target.pathname}`;
    io.out(`Copying ${from} into PostgreSQL ${where}`);
    const source = openDb(from, { readonly: true });
    const pg = openPg(to);
    try {
      let answers: AnswersCompared | undefined;
      const copies = await copySqliteToPg(
        source,
        pg,
        (c) =>
          io.out(
            `  ${c.table.padEnd(20)} ${c.rows.toLocaleString('en').padStart(10)} rows  sha256 ${c.checksum.slice(0, 16)}`,
          ),
        async (sqlite, postgres) => {
          answers = await compareScoreAnswers(sqlite, postgres);
          const d = answers.difference;
          if (d)
            throw new CopyRefused(
              `/api/scores differs between SQLite and PostgreSQL for ${d.period}, lens ${d.lens}, level ${d.level}` +
                `${d.scenario === 'baseline' ? '' : `, scenario ${d.scenario}`}, first at region ${d.region}`,
            );
        },
      );
      const rows = copies.reduce((n, c) => n + c.rows, 0);
      io.out(
        `Copied and verified ${copies.length} tables, ${rows.toLocaleString('en')} rows: counts and checksums equal on both sides.`,
      );
      const a = answers!;
      io.out(
        `Compared ${a.compared.toLocaleString('en')} /api/scores answers (${a.months} months × ${LENSES.length} lenses × levels ${a.levels.join(', ')}` +
          `${a.scenarios === 1 ? '' : ` across ${a.scenarios} scenarios`}): identical on both engines.`,
      );
      return 0;
    } catch (e) {
      if (!(e instanceof CopyRefused) && !(e instanceof Error && ('code' in e || e.name === 'DatabaseError'))) throw e;
      io.err(`vigil migrate-db: ${e.message}\nNo rows were written to ${where}.`);
      return 1;
    } finally {
      source.$client.close();
      await pg.$client.end();
    }
  },
};
