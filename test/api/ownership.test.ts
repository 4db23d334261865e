import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { seedUcdpSample } from '../../api/services/ucdp/bundled-sample.ts';
import { SEED_ACTOR } from '../../db/seed/index.ts';
import { createUserAndLogin, send, type Credentials, type Target } from '../helpers/auth.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

let seeded: ReturnType<typeof openSeededCopy>;
let target: Target;
let ana: Credentials;
let ben: Credentials;
let admin: Credentials;
let ucdpBatch: number;

interface Rollback {
  batchId: number;
  fileName: string;
  createdBy: string;
  retracted: number;
  restored: number;
  regions: string[];
  dryRun: boolean;
  allowed: boolean;
  onBehalfOf: string | null;
}

let month = 0;
const csv = (rows: number) => {
  const lines = ['region,indicator,period,value,confidence,source'];
  for (let i = 0; i < rows; i++, month++)
    lines.push(
      `${['NO-03', 'NO-11'][i % 2]},afac.rf1,${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')},2,low,Partner report`,
    );
  return `${lines.join('\n')}\n`;
};
const importAs = async (who: Credentials, rows = 3) => {
  const res = await send(target, `/api/imports?name=partner-${month}.csv`, {
    method: 'POST',
    headers: { ...who.bearer, 'Content-Type': 'text/csv' },
    body: csv(rows),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { batchId: number }).batchId;
};
const observe = async (who: Credentials) => {
  const m = month++;
  const res = await send(target, '/api/observations', {
    method: 'POST',
    headers: { ...who.bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      region: 'NO-03',
      indicator: 'afac.rf2',
      period: `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
      value: 1,
      confidence: 'low',
      source: { citation: 'Partner report' },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
};
const post = (path: string, who: Credentials, body?: object) =>
  send(target, path, {
    method: 'POST',
    headers: { ...who.bearer, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
const lastAudit = (entity: string, entityId: number) =>
  JSON.parse(
    (
      seeded.db.$client
        .prepare('SELECT after FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC')
        .get(entity, String(entityId)) as { after: string }
    ).after,
  ) as Record<string, unknown>;
const batchState = (id: number) =>
  (seeded.db.$client.prepare('SELECT state FROM import_batches WHERE id = ?').get(id) as { state: string }).state;

beforeAll(async () => {
  seeded = openSeededCopy();
  seeded.db.$client.prepare("DELETE FROM settings WHERE key = 'seed.ucdp'").run();
  const loaded = await seedUcdpSample(seeded.db);
  if (loaded.status !== 'loaded') throw new Error('the bundled UCDP sample did not load');
  ucdpBatch = loaded.batchId;
  const app = createApp({ db: seeded.db, version: 'test' });
  target = { request: (p, i) => app.request(p, i), db: seeded.db };
  ana = await createUserAndLogin(target, 'analyst');
  ben = await createUserAndLogin(target, 'analyst');
  admin = await createUserAndLogin(target, 'admin');
}, 120_000);
afterAll(() => seeded.close());

describe('rolling back someone else’s import', () => {
  it('is refused to another analyst, naming the owner, and allowed with an on-behalf-of reason the audit log keeps', async () => {
    const batch = await importAs(ana);
    const refused = await post(`/api/imports/${batch}/rollback`, ben);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; message: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('not_owner');
    expect(body.error.message).toContain(ana.email);
    expect(body.error.fields.map((f) => f.field)).toEqual(['onBehalfOf']);
    expect(batchState(batch)).toBe('applied');

    const done = await post(`/api/imports/${batch}/rollback`, ben, {
      onBehalfOf: 'Ana is on leave; partner withdrew the file',
    });
    expect(done.status).toBe(200);
    expect(batchState(batch)).toBe('rolled-back');
    expect(lastAudit('import_batch', batch)).toMatchObject({
      state: 'rolled-back',
      owner: ana.email,
      onBehalfOf: 'Ana is on leave; partner withdrew the file',
    });
  });

  it('needs no reason for one’s own batch, nor for an admin', async () => {
    const own = await importAs(ana);
    expect((await post(`/api/imports/${own}/rollback`, ana)).status).toBe(200);
    const others = await importAs(ana);
    expect((await post(`/api/imports/${others}/rollback`, admin)).status).toBe(200);
    expect(lastAudit('import_batch', others)).toMatchObject({ owner: ana.email, onBehalfOf: null });
  });

  it('protects the bundled UCDP batch like anyone else’s', async () => {
    const plan = (await (await post(`/api/imports/${ucdpBatch}/rollback?dryRun=true`, ana)).json()) as Rollback;
    expect(plan).toMatchObject({ createdBy: SEED_ACTOR, allowed: false, dryRun: true });
    expect((await post(`/api/imports/${ucdpBatch}/rollback`, ana)).status).toBe(403);
    expect(batchState(ucdpBatch)).toBe('applied');
  });

  it('a dry run names the batch, its owner, the rows and the regions, changes nothing, and matches the rollback', async () => {
    const batch = await importAs(ana, 4);
    const version = () =>
      seeded.db.$client.prepare('SELECT count(*) AS n, sum(state = ?) AS c FROM observations').get('current');
    const before = version();
    const res = await post(`/api/imports/${batch}/rollback?dryRun=true`, ben);
    expect(res.status).toBe(200);
    const plan = (await res.json()) as Rollback;
    expect(plan).toMatchObject({
      batchId: batch,
      fileName: expect.stringMatching(/^partner-\d+\.csv$/),
      createdBy: ana.email,
      retracted: 4,
      restored: 0,
      regions: ['NO-03', 'NO-11'],
      dryRun: true,
      allowed: false,
    });
    expect(version()).toEqual(before);
    expect(batchState(batch)).toBe('applied');
    const done = (await (await post(`/api/imports/${batch}/rollback`, ana)).json()) as Rollback;
    expect({ ...done, dryRun: true, allowed: false }).toMatchObject({ ...plan, rolledBackAt: expect.any(String) });
  });
});

describe('retracting someone else’s observation', () => {
  it('is refused to another analyst, allowed with an on-behalf-of reason (audited), to its owner and to an admin', async () => {
    const id = await observe(ana);
    const refused = await post(`/api/observations/${id}/retract`, ben, { reason: 'Source withdrawn' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_owner');
    const ok = await post(`/api/observations/${id}/retract`, ben, {
      reason: 'Source withdrawn',
      onBehalfOf: 'Asked by Ana',
    });
    expect(ok.status).toBe(200);
    expect(lastAudit('observation', id)).toMatchObject({
      state: 'retracted',
      owner: ana.email,
      onBehalfOf: 'Asked by Ana',
    });
    expect(
      (await post(`/api/observations/${await observe(ana)}/retract`, ana, { reason: 'Mine, wrong month' })).status,
    ).toBe(200);
    expect((await post(`/api/observations/${await observe(ana)}/retract`, admin, { reason: 'Duplicate' })).status).toBe(
      200,
    );
  });
});
