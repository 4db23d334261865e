import { randomBytes } from 'node:crypto';
import type { Role } from '../../indicators/vocabulary.ts';
import { createUser, send, type Credentials, type Target } from '../helpers/auth.ts';

/** One request, ready to send, and what to do once it was answered (for requests that change their caller). */
export interface Prepared {
  path: string;
  init: RequestInit;
  after?(res: Response): Promise<void>;
}

/** Where builders send requests, an admin to set up preconditions, and fresh (region, indicator, month) slots. */
export interface Fixture {
  target: Target;
  admin: Credentials;
  /** A region, severity indicator and month no observation holds yet (distinct on every call). */
  slot(): Slot;
}

/** One region × indicator × month. */
export interface Slot {
  region: string;
  indicator: string;
  period: string;
}

/**
 * A fixture over the target's catalogue: slots walk the months of 2014–2017 (inside the bundled data's
 * span, so scoring ranges do not grow) for area-level severity indicators in first-level regions of
 * countries the bundled data do not cover.
 */
export async function createFixture(
  target: Target,
  admin: Credentials,
  countries = ['NOR', 'SWE', 'FIN', 'ISL'],
): Promise<Fixture> {
  const get = async <T>(path: string) => (await (await send(target, path, { headers: admin.bearer })).json()) as T;
  const indicators = (await get<{ id: string; level: string; measurement: { kind: string } }[]>('/api/indicators'))
    .filter((i) => i.measurement.kind === 'severity' && i.level === 'area')
    .map((i) => i.id);
  const regions: string[] = [];
  for (const c of countries)
    regions.push(
      ...(await get<{ code: string }[]>(`/api/regions?level=1&parent=${c}`))
        .map((r) => r.code)
        .filter((code) => /^[A-Z]{2}-\w+$/.test(code)),
    );
  let n = 0;
  const months = 48;
  return {
    target,
    admin,
    slot: () => {
      const i = n++;
      const period = `${2014 + Math.floor((i % months) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      const rest = Math.floor(i / months);
      return {
        region: regions[rest % regions.length]!,
        indicator: indicators[Math.floor(rest / regions.length) % indicators.length]!,
        period,
      };
    },
  };
}

/**
 * The authorisation rule of one write route and a builder of a request that succeeds (2xx) for a
 * caller allowed to make it. Builders set up what the request needs (a token to revoke, an
 * observation to correct, a batch to roll back) as the admin, so each call stands alone.
 */
export interface WriteRule {
  /** Least role allowed, or `anyone` for routes open to anonymous callers. */
  role: Role | 'anyone';
  /** Only a browser session may call it (an API token gets a 403 whatever its role). */
  sessionOnly?: boolean;
  build(f: Fixture, caller: Credentials | null): Promise<Prepared>;
}

// Letters only: a hex id such as 00218935 reads as a telephone number to the personal-data check (1 in
// 5,000 ids), and the write was refused as it should be — a flaky 400 in scheduled-backup.
const uid = () =>
  randomBytes(4)
    .toString('hex')
    .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!);
const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** A valid new observation in a fresh slot. */
export function validObservation(f: Pick<Fixture, 'slot'>) {
  return {
    ...f.slot(),
    value: 1 + Math.floor(Math.random() * 3),
    confidence: 'medium',
    source: { citation: `Reliability test source ${uid()}, section 2`, locator: 'p. 4' },
    note: 'Entered by the reliability tests',
  };
}

/** A valid CSV import of `rows` observations, each in a fresh slot. */
export function validCsv(f: Pick<Fixture, 'slot'>, rows = 3, tag = uid()): string {
  const lines = ['region,indicator,period,value,confidence,source'];
  for (let i = 0; i < rows; i++) {
    const s = f.slot();
    lines.push(`${s.region},${s.indicator},${s.period},${i % 5},low,"CSV test ${tag}, row ${i}"`);
  }
  return `${lines.join('\n')}\n`;
}

let loginUser: ReturnType<typeof createUser> | undefined;

async function expectOk(res: Response, what: string): Promise<unknown> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * Who sets up work the caller then undoes: the caller when they may write (rolling back or retracting
 * one's own work needs no reason), else the admin (the request is refused by role anyway).
 */
const ownerFor = (f: Fixture, caller: Credentials | null) =>
  caller && caller.user.role !== 'viewer' ? caller : f.admin;

async function newObservationId(f: Fixture, owner: Credentials = f.admin): Promise<number> {
  const init = jsonInit('POST', validObservation(f));
  const body = (await expectOk(
    await send(f.target, '/api/observations', { ...init, headers: { ...init.headers, ...owner.bearer } }),
    'set-up observation',
  )) as { id: number };
  return body.id;
}

/** Makes each alias a test teaches new, so that every caller the rule allows gets a 201. */
let aliasCount = 0;

/**
 * Every write route of the API and who may call it. The authorisation matrix fails when the app has a
 * write route missing here, so a new route cannot ship without a rule.
 */
export const WRITE_RULES: Record<string, WriteRule> = {
  'POST /api/auth/login': {
    role: 'anyone',
    build: async (f) => {
      const u = (loginUser ??= createUser(f.target, 'viewer'));
      const { email, password } = await u;
      return { path: '/api/auth/login', init: jsonInit('POST', { email, password }) };
    },
  },
  'POST /api/auth/logout': {
    role: 'anyone',
    build: async () => ({ path: '/api/auth/logout', init: { method: 'POST' } }),
  },
  'POST /api/auth/password': {
    role: 'viewer',
    sessionOnly: true,
    // A real change: it revokes the caller's API tokens, so once it succeeded the caller gets the new
    // password and a fresh token (from the session the change keeps) for the calls that follow.
    build: async (f, caller) => {
      const password = `matrix pass phrase ${uid()}`;
      return {
        path: '/api/auth/password',
        init: jsonInit('POST', { current: caller?.password ?? 'none', password }),
        after: async (res) => {
          if (!res.ok || !caller) return;
          caller.password = password;
          const init = jsonInit('POST', { label: `after password change ${uid()}` });
          const created = (await expectOk(
            await send(f.target, '/api/auth/tokens', { ...init, headers: { ...init.headers, ...caller.session } }),
            'token after password change',
          )) as { token: string };
          caller.token = created.token;
          caller.bearer.Authorization = `Bearer ${created.token}`;
        },
      };
    },
  },
  'PATCH /api/auth/me': {
    role: 'viewer',
    build: async () => ({ path: '/api/auth/me', init: jsonInit('PATCH', { language: 'fr' }) }),
  },
  'POST /api/auth/tokens': {
    role: 'viewer',
    sessionOnly: true,
    build: async () => ({ path: '/api/auth/tokens', init: jsonInit('POST', { label: `matrix ${uid()}` }) }),
  },
  'DELETE /api/auth/tokens/:id': {
    role: 'viewer',
    build: async (f, caller) => {
      const owner = caller ?? f.admin;
      const init = jsonInit('POST', { label: `to revoke ${uid()}` });
      const created = (await expectOk(
        await send(f.target, '/api/auth/tokens', { ...init, headers: { ...init.headers, ...owner.session } }),
        'set-up token',
      )) as { id: number };
      return { path: `/api/auth/tokens/${created.id}`, init: { method: 'DELETE' } };
    },
  },
  'POST /api/users': {
    role: 'admin',
    build: async () => ({
      path: '/api/users',
      init: jsonInit('POST', { email: `new-${uid()}@test.vigil`, role: 'viewer', password: 'a long enough password' }),
    }),
  },
  'PUT /api/watchlist/:code': {
    role: 'viewer',
    build: async () => ({ path: '/api/watchlist/IQ-NI', init: { method: 'PUT' } }),
  },
  'DELETE /api/watchlist/:code': {
    role: 'viewer',
    build: async () => ({ path: '/api/watchlist/IQ-NI', init: { method: 'DELETE' } }),
  },
  'PATCH /api/users/:id': {
    role: 'admin',
    build: async (f) => {
      const u = await createUser(f.target, 'viewer');
      return {
        path: `/api/users/${u.id}`,
        init: jsonInit('PATCH', { role: 'analyst', name: 'Promoted by the matrix' }),
      };
    },
  },
  'POST /api/region-aliases': {
    role: 'analyst',
    build: async () => ({
      path: '/api/region-aliases',
      init: jsonInit('POST', { alias: `Test district ${++aliasCount}`, region: 'IQ-NI' }),
    }),
  },
  'POST /api/observations': {
    role: 'analyst',
    build: async (f) => ({ path: '/api/observations', init: jsonInit('POST', validObservation(f)) }),
  },
  'POST /api/observations/preview': {
    role: 'analyst',
    build: async (f) => ({ path: '/api/observations/preview', init: jsonInit('POST', validObservation(f)) }),
  },
  'POST /api/observations/:id/supersede': {
    role: 'analyst',
    build: async (f) => ({
      path: `/api/observations/${await newObservationId(f)}/supersede`,
      init: jsonInit('POST', { value: 4, reason: 'Corrected after a second source' }),
    }),
  },
  'POST /api/observations/:id/retract': {
    role: 'analyst',
    build: async (f, caller) => ({
      path: `/api/observations/${await newObservationId(f, ownerFor(f, caller))}/retract`,
      init: jsonInit('POST', { reason: 'Source withdrawn' }),
    }),
  },
  'POST /api/imports': {
    role: 'analyst',
    build: async (f) => ({
      path: `/api/imports?name=matrix-${uid()}.csv`,
      init: { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: validCsv(f) },
    }),
  },
  'POST /api/areas/profile': {
    // A read sent as a POST (the area is too large for a query string): public while public read is on.
    role: 'anyone',
    build: async () => ({
      path: '/api/areas/profile',
      init: jsonInit('POST', { regions: ['IQ-NI', 'IQ-DA'], from: '2016-01', to: '2016-03' }),
    }),
  },
  'POST /api/areas/read': {
    // Reads a file and writes nothing: public while public read is on.
    role: 'anyone',
    build: async () => ({
      path: '/api/areas/read',
      init: jsonInit('POST', {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [43, 36],
              [44, 36],
              [44, 37],
              [43, 36],
            ],
          ],
        },
      }),
    }),
  },
  'POST /api/areas': {
    role: 'viewer',
    build: async () => ({
      path: '/api/areas',
      init: jsonInit('POST', {
        name: `Matrix area ${uid()}`,
        regions: ['IQ-NI', 'IQ-DA'],
        from: '2016-01',
        to: '2016-06',
      }),
    }),
  },
  'DELETE /api/areas/:id': {
    role: 'viewer',
    // One's own saved area (the admin's for callers refused by role anyway).
    build: async (f, caller) => {
      const owner = caller ?? f.admin;
      const init = jsonInit('POST', { name: `Matrix area ${uid()}`, regions: ['IQ-NI'] });
      const body = (await expectOk(
        await send(f.target, '/api/areas', { ...init, headers: { ...init.headers, ...owner.bearer } }),
        'set-up saved area',
      )) as { id: number };
      return { path: `/api/areas/${body.id}`, init: { method: 'DELETE' } };
    },
  },
  'POST /api/boundary-sets': {
    role: 'admin',
    // A dry run of one district inside Nineveh: the full reader and checks, nothing stored.
    build: async () => ({
      path: '/api/boundary-sets?dryRun=true',
      init: jsonInit('POST', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { ADM2_PCODE: 'IQ9901', ADM2_EN: 'Matrix district', ADM1_PCODE: 'IQ99', ADM0_PCODE: 'IQ' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [43.0, 36.2],
                  [43.3, 36.2],
                  [43.3, 36.45],
                  [43.0, 36.45],
                  [43.0, 36.2],
                ],
              ],
            },
          },
        ],
      }),
    }),
  },
  'POST /api/catalogue/versions': {
    role: 'admin',
    build: async (f) => {
      const versions = (await expectOk(
        await send(f.target, '/api/catalogue/versions', { headers: f.admin.bearer }),
        'catalogue versions',
      )) as { id: string | number }[];
      const current = (await expectOk(
        await send(f.target, `/api/catalogue/versions/${versions[0]!.id}`, { headers: f.admin.bearer }),
        'catalogue snapshot',
      )) as { catalogue?: unknown };
      return { path: '/api/catalogue/versions?dryRun=true', init: jsonInit('POST', current.catalogue ?? current) };
    },
  },
  'POST /api/imports/:id/rollback': {
    role: 'analyst',
    build: async (f, caller) => {
      const res = await send(f.target, `/api/imports?name=rollback-${uid()}.csv`, {
        method: 'POST',
        headers: { ...ownerFor(f, caller).bearer, 'Content-Type': 'text/csv' },
        body: validCsv(f, 2),
      });
      const { batchId } = (await expectOk(res, 'set-up import')) as { batchId: number };
      return { path: `/api/imports/${batchId}/rollback`, init: { method: 'POST' } };
    },
  },
};

/** The API's write routes as `METHOD /path` from a Hono app's route table (middleware entries excluded). */
export function writeRoutesOf(routes: readonly { method: string; path: string }[]): string[] {
  const keys = routes
    .filter((r) => r.path.startsWith('/api/') && !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}
