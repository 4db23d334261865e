import { writeFileSync } from 'node:fs';
import { templateCsv } from '../../api/services/imports/area-counts.ts';
import { IMPORT_PROFILES } from '../../api/services/imports/profiles/index.ts';
import { stringOption, UsageError } from '../args.ts';
import type { Command } from '../registry.ts';

const WITH_TEMPLATE = IMPORT_PROFILES.filter((p) => p.template);

/**
 * `vigil template NAME [--out FILE]`: the CSV template of an import profile (MRM, MARA, referral
 * data), to fill and import with `vigil import --profile NAME`. The CSV goes to stdout (or the file),
 * how to fill it to stderr, so `vigil template mrm > mrm.csv` gives a clean file.
 */
export const templateCommand: Command = {
  name: 'template',
  summary: 'Print the CSV template of an import profile (area-level MRM, MARA or referral counts) and how to fill it',
  usage: `<${WITH_TEMPLATE.map((p) => p.name).join('|')}> [--out FILE]`,
  run(args, io) {
    const name = args.positionals[0];
    const p = WITH_TEMPLATE.find((x) => x.name === name);
    if (!p || args.positionals.length > 1)
      throw new UsageError(`give one template: ${WITH_TEMPLATE.map((x) => x.name).join(', ')}`);
    const csv = templateCsv(p.template!);
    const out = stringOption(args, 'out');
    if (out) {
      writeFileSync(out, csv);
      io.err(`Wrote ${out} (${p.title}).`);
    } else io.out(csv.trimEnd());
    io.err('');
    for (const line of p.template!.instructions) io.err(line);
    return Promise.resolve(0);
  },
};
