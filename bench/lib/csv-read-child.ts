import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

// The events import benchmark's baseline: the same file streamed through csv-parse with the options
// Vigil's reader uses (api/services/imports/records.ts), every record counted and nothing else done.
const file = process.argv[2]!;
const t0 = performance.now();
const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
  parse({ bom: true, relax_column_count: true, trim: true, skip_empty_lines: false, max_record_size: 1 << 20 }),
);
let records = 0;
let cells = 0;
for await (const row of parser as AsyncIterable<string[]>) {
  records += 1;
  cells += row.length;
}
console.log(
  JSON.stringify({
    records,
    cells,
    seconds: (performance.now() - t0) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
