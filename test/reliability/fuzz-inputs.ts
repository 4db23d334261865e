import fc from 'fast-check';

/** Strings that have broken parsers before: injections, traversal, control and odd Unicode, huge, numeric edge cases. */
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999999',
  '2014-13',
  '0000-00',
  '2014-1',
  '9999-12',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '../../etc/passwd',
  '..%2F..%2F',
  "' OR 1=1 --",
  '"; DROP TABLE observations; --',
  '<script>alert(1)</script>',
  '\u0000',
  '\u202e\u0041',
  '\ud800',
  '😀'.repeat(50),
  'x'.repeat(5000),
  '%00',
  '%',
  '__proto__',
  'constructor',
  'IQ-NI',
  'IRQ',
  'admin',
  'baseline',
  // Personal data for the free-text fields (citation, locator, note, reasons, on-behalf-of, file names).
  'jane.doe＠example.org',
  'write to jane.doe(at)example.org',
  '+44 20 7946 0958',
  'mobile 0770 123 4567',
  'born 12/03/1990',
  'Passport: P1234567',
  'Amina Yusuf, aged 14',
];

/** A bad scalar for any field: wrong type, out of range, malformed or hostile. */
export const badScalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), weight: 1 },
);

/** A bad value as it would appear in a query string or path. */
export const badText: fc.Arbitrary<string> = badScalar.map((v) =>
  typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)),
);

/** A JSON body derived from a valid one: a field replaced by a bad value, removed, or a stranger added. */
export function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  if (!keys.length) return fc.dictionary(fc.string({ maxLength: 10 }), badScalar, { maxKeys: 4 });
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), badScalar).map(([k, v]) => ({ ...valid, [k]: v })),
    fc
      .tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), badScalar, badScalar)
      .map(([a, b, x, y]) => ({ ...valid, [a]: x, [b]: y })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.string({ maxLength: 12 }), badScalar).map(([k, v]) => ({ ...valid, [k]: v })),
    fc
      .constantFrom(...keys)
      .chain((k) =>
        typeof valid[k] === 'object' && valid[k] !== null
          ? mutated(valid[k] as Record<string, unknown>).map((inner) => ({ ...valid, [k]: inner }))
          : fc.constant({ ...valid, [k]: [valid[k]] }),
      ),
  );
}

/** A request body: as raw text plus the Content-Type it is sent with (sometimes a lie). */
export interface RawBody {
  body: string | FormData | undefined;
  contentType: string | undefined;
}

const json = (v: unknown): RawBody => ({ body: JSON.stringify(v) ?? 'undefined', contentType: 'application/json' });

/** Malformed or mislabelled bodies that any route must survive. */
export const brokenBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom<RawBody>(
    { body: '{"a": ', contentType: 'application/json' },
    { body: '', contentType: 'application/json' },
    { body: 'null', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '"just a string"', contentType: 'application/json' },
    { body: '{"__proto__": {"admin": true}}', contentType: 'application/json' },
    { body: undefined, contentType: undefined },
    { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    {
      body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nbroken',
      contentType: 'multipart/form-data; boundary=x',
    },
    { body: '{}', contentType: 'text/plain' },
    { body: '{}', contentType: 'application/json; charset=utf-16' },
    { body: '\u0000\u0001\u0002', contentType: 'application/octet-stream' },
  ),
  fc.string({ maxLength: 200 }).map((s) => ({ body: s, contentType: 'application/json' })),
  fc.jsonValue({ maxDepth: 3 }).map(json),
  fc
    .tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 100 }))
    .map(([type, body]) => ({ body, contentType: type })),
);

/** A JSON route's body: mostly near-valid (to reach deep validation), else broken. */
export function jsonBodies(valid: Record<string, unknown> | undefined): fc.Arbitrary<RawBody> {
  return valid
    ? fc.oneof({ arbitrary: mutated(valid).map(json), weight: 3 }, { arbitrary: brokenBody, weight: 1 })
    : brokenBody;
}

/** CSV uploads derived from a valid file: a cell or header broken, columns dropped, quoting broken, or noise. */
export function csvBodies(valid: string): fc.Arbitrary<RawBody> {
  const rows = valid
    .trimEnd()
    .split('\n')
    .map((r) => r.split(','));
  const cell = fc.tuple(fc.nat(rows.length - 1), fc.nat(rows[0]!.length - 1), badText);
  const asCsv = (r: string[][]) => `${r.map((x) => x.join(',')).join('\n')}\n`;
  const text = fc.oneof(
    cell.map(([i, j, v]) => asCsv(rows.map((r, ri) => r.map((c, ci) => (ri === i && ci === j ? v : c))))),
    fc.nat(rows[0]!.length - 1).map((j) => asCsv(rows.map((r) => r.filter((_, ci) => ci !== j)))),
    fc.constantFrom(
      '',
      '\n',
      'region\n',
      '"unterminated,quote\n',
      '#adm1+code,#indicator+code\n#x,#y\n',
      'a,b,c\n1,2\n',
      '\uFEFFregion,indicator\n',
    ),
    fc.string({ maxLength: 300 }),
    fc.array(fc.array(badText, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }).map(asCsv),
  );
  return fc.oneof(
    { arbitrary: text.map((t) => ({ body: t, contentType: 'text/csv' })), weight: 4 },
    {
      arbitrary: fc.tuple(text, fc.constantFrom('file', 'upload', 'File')).map(([t, field]) => {
        const form = new FormData();
        form.set(field, new Blob([t], { type: 'text/csv' }), 'fuzz.csv');
        return { body: form, contentType: undefined };
      }),
      weight: 1,
    },
    { arbitrary: brokenBody, weight: 1 },
  );
}

/** Query parameter names used anywhere in the API, so that generated queries reach real validators. */
export const QUERY_KEYS = [
  'period',
  'lens',
  'level',
  'parent',
  'scenario',
  'from',
  'to',
  'framework',
  'relevance',
  'form',
  'group',
  'dryRun',
  'format',
  'mapping',
  'name',
  'region',
  'indicator',
  'batch',
  'history',
  'limit',
  'offset',
  'actor',
  'action',
  'entity',
  'entityId',
  'before',
  'months',
  'runs',
  'a',
  'b',
  'threshold',
  'mode',
  'version',
  'source',
  'q',
  'sort',
  'min',
  'max',
  'top',
  'compare',
];

/** A query string of known and unknown keys with bad values; sometimes with broken percent-encoding. */
export const badQuery: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), badText, { maxKeys: 4 })
      .map((d) => new URLSearchParams(d).toString()),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom(
      '%',
      '%E0%A4%A',
      'a=%ZZ',
      '&&&',
      '=',
      'period',
      'period=&period=2014-01',
      'limit=1&limit=2',
      'lens[]=x',
      `x=${'y'.repeat(9000)}`,
    ),
    weight: 1,
  },
);

/** A bad path segment (already encoded for the URL): non-numeric ids, huge numbers, traversal, Unicode. */
export const badSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '1e3',
    '9007199254740993',
    '99999999999999999999',
    'NaN',
    '%00',
    '..',
    '%2F',
    '%2e%2e',
    ' ',
    '%20',
    'null',
    'IRQ',
    'IQ-NI',
    'ZZZ',
    'x'.repeat(300),
  ),
  fc.integer().map(String),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);
