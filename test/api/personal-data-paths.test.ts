import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createUserAndLogin, send, type Credentials, type Target } from '../helpers/auth.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';
import { PERSONAL_SAMPLES } from '../fixtures/personal-data.ts';

let seeded: ReturnType<typeof openSeededCopy>;
let target: Target;
let analyst: Credentials;
let existing: number;
let batch: number;

interface Envelope {
  error: { code: string; fields?: { field: string; message: string }[] };
  report?: { rowsRejectedCount: number; rowsRejected: { row: number; column: string; reason: string }[] };
}

const REFUSAL = /must never identify a person/;
let month = 0;
/** A valid new observation in a month nobody else uses (2000-01, 2000-02, …). */
const observation = () => {
  const m = month++;
  return {
    region: 'NG-BO',
    indicator: 'afac.rf1',
    period: `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
    value: 2,
    confidence: 'medium',
    source: { citation: 'Situation report, section 2', locator: 'p. 4' },
    note: 'Access to the area limited.',
  };
};
const post = async (path: string, body: string | object, type = 'application/json') =>
  send(target, path, {
    method: 'POST',
    headers: { ...analyst.bearer, 'Content-Type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const refusedOn = async (res: Response, field: string) => {
  expect(res.status).toBe(400);
  const body = (await res.json()) as Envelope;
  expect(body.error.fields?.find((f) => f.field === field)?.message).toMatch(REFUSAL);
};

beforeAll(async () => {
  seeded = openSeededCopy();
  const app = createApp({ db: seeded.db, version: 'test' });
  target = { request: (p, i) => app.request(p, i), db: seeded.db };
  analyst = await createUserAndLogin(target, 'analyst');
  const res = await post('/api/observations', observation());
  expect(res.status).toBe(201);
  existing = ((await res.json()) as { id: number }).id;
  const o = observation();
  const imported = await post(
    '/api/imports?name=to-roll-back.csv',
    `region,indicator,period,value,source\n${o.region},${o.indicator},${o.period},1,Partner report\n`,
    'text/csv',
  );
  expect(imported.status).toBe(201);
  batch = ((await imported.json()) as { batchId: number }).batchId;
});
afterAll(() => seeded.close());

// Every stored free-text field of every observation write path, with how to put a text into it.
const JSON_PATHS: { path: string; field: string; request: (text: string) => Promise<Response> }[] = [
  ...(['citation', 'locator'] as const).map((k) => ({
    path: 'POST /api/observations',
    field: `source.${k}`,
    request: (text: string) => {
      const o = observation();
      return post('/api/observations', { ...o, source: { ...o.source, [k]: text } });
    },
  })),
  {
    path: 'POST /api/observations',
    field: 'note',
    request: (text) => post('/api/observations', { ...observation(), note: text }),
  },
  ...(['citation', 'locator'] as const).map((k) => ({
    path: 'POST /api/observations/:id/supersede',
    field: `source.${k}`,
    request: (text: string) =>
      post(`/api/observations/${existing}/supersede`, {
        value: 3,
        reason: 'Second source',
        source: { citation: 'Situation report', [k]: text },
      }),
  })),
  ...(['note', 'reason'] as const).map((k) => ({
    path: 'POST /api/observations/:id/supersede',
    field: k,
    request: (text: string) =>
      post(`/api/observations/${existing}/supersede`, { value: 3, reason: 'Second source', [k]: text }),
  })),
  {
    path: 'POST /api/observations/:id/retract',
    field: 'reason',
    request: (text) => post(`/api/observations/${existing}/retract`, { reason: text }),
  },
  {
    path: 'POST /api/observations/:id/retract',
    field: 'onBehalfOf',
    request: (text) => post(`/api/observations/${existing}/retract`, { reason: 'Source withdrawn', onBehalfOf: text }),
  },
  {
    path: 'POST /api/imports/:id/rollback',
    field: 'onBehalfOf',
    request: (text) => post(`/api/imports/${batch}/rollback`, { onBehalfOf: text }),
  },
];

describe('personal data is refused in every free-text field of every write path', () => {
  it.each(JSON_PATHS.map((p) => ({ ...p, name: `${p.path} ${p.field}` })))(
    '$name: each pattern refused with a 400 naming the field',
    async ({ field, request }) => {
      for (const { pattern, text } of PERSONAL_SAMPLES) {
        const res = await request(text);
        expect(res.status, pattern).toBe(400);
        await refusedOn(res, field);
      }
    },
  );

  it.each(['source', 'locator', 'note'])(
    'POST /api/imports: each pattern in the %s column rejects its row',
    async (column) => {
      const lines = ['region,indicator,period,value,confidence,source,locator,note'];
      for (const { text } of PERSONAL_SAMPLES) {
        const o = observation();
        const cells = { source: o.source.citation, locator: 'p. 4', note: 'Area note', [column]: text };
        lines.push(
          [o.region, o.indicator, o.period, '2', 'medium', cells.source, cells.locator, cells.note]
            .map((c) => `"${c.replaceAll('"', '""')}"`)
            .join(','),
        );
      }
      const res = await post('/api/imports?name=pii.csv', `${lines.join('\n')}\n`, 'text/csv');
      expect(res.status).toBe(422);
      const { report } = (await res.json()) as Envelope;
      expect(report!.rowsRejectedCount).toBe(PERSONAL_SAMPLES.length);
      const rejected = report!.rowsRejected.filter((r) => r.column === column && REFUSAL.test(r.reason));
      expect(rejected.map((r) => r.row)).toEqual(PERSONAL_SAMPLES.map((_, i) => i + 2));
    },
  );

  it('POST /api/imports: each pattern in the file name is refused, nothing read', async () => {
    for (const { pattern, text } of PERSONAL_SAMPLES) {
      const res = await post(
        `/api/imports?name=${encodeURIComponent(text)}`,
        'region,indicator,period,value,source\n',
        'text/csv',
      );
      expect(res.status, pattern).toBe(400);
      await refusedOn(res, 'name');
    }
  });

  it('stores nothing while refusing', async () => {
    const rows = (await (
      await send(target, '/api/observations?region=NG-BO&indicator=afac.rf1&history=true', {
        headers: analyst.bearer,
      })
    ).json()) as { id: number; enteredBy: string }[];
    expect(
      rows.filter((r) => r.enteredBy === analyst.email && r.id !== existing).every((r) => r.id > existing),
      'only the batch to roll back was written after the first observation',
    ).toBe(true);
    const states = seeded.db.$client
      .prepare('SELECT state FROM observations WHERE id = ? UNION ALL SELECT state FROM import_batches WHERE id = ?')
      .all(existing, batch);
    expect(states).toEqual([{ state: 'current' }, { state: 'applied' }]);
  });
});
