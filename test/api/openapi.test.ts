import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { anonymousMay, OPEN_ROUTES } from '../../api/middleware/access.ts';
import type { RoleRequirement } from '../../api/middleware/auth.ts';
import type { OpenApiDocument } from '../../api/openapi/build.ts';
import { RESOURCE_DOCS } from '../../api/openapi/build.ts';
import { ErrorEnvelopeShape } from '../../api/openapi/json-schema.ts';
import { openDb } from '../../db/client.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { validatedDbCopy } from '../helpers/seeded-db.ts';

let db: ReturnType<typeof openDb>;
let app: ReturnType<typeof createApp>;
let spec: OpenApiDocument;
let admin: Credentials;
let imported: Response;

/** `METHOD /api/path` of every route the app serves, with the role its `requireRole` demands. */
function servedRoutes() {
  const served = new Map<string, string | undefined>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    served.set(key, (r.handler as Partial<RoleRequirement>).requiredRole ?? served.get(key));
  }
  return served;
}

const specRoutes = () =>
  Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
const operations = () =>
  Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method, path, op })),
  );

beforeAll(async () => {
  db = openDb(validatedDbCopy());
  app = createApp({ db, version: '9.9.9' });
  admin = await createUserAndLogin({ request: (p, i) => app.request(p, i), db }, 'admin');
  imported = await app.request('/api/imports?name=openapi.csv', {
    method: 'POST',
    headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
    body: '#adm1+code,#indicator+code,#date,#value,#meta+source\nIQ-NI,afac.rf1,2016-05,2,OpenAPI test partner\n',
  });
  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  spec = (await res.json()) as OpenApiDocument;
});
afterAll(() => db?.$client.close());

describe('GET /api/openapi.json', () => {
  it('describes every route the app serves, and no route it does not serve', () => {
    const served = [...servedRoutes().keys()].sort();
    const described = specRoutes().sort();
    expect(served.length).toBeGreaterThan(40);
    expect(
      served.filter((r) => !described.includes(r)),
      'served routes missing from the OpenAPI document',
    ).toEqual([]);
    expect(
      described.filter((r) => !served.includes(r)),
      'routes in the OpenAPI document that the app does not serve',
    ).toEqual([]);
    expect(spec).toMatchObject({ openapi: '3.1.0', info: { title: 'Vigil API', version: '9.9.9' } });
  });

  it('says who may call each route, as the app enforces it', () => {
    const served = servedRoutes();
    for (const { method, path, op } of operations()) {
      const key = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      const [m, p] = key.split(' ') as [string, string];
      const expected =
        served.get(key) ?? (OPEN_ROUTES.includes(key) ? 'anyone' : anonymousMay(m, p, true) ? 'public' : 'signed-in');
      expect(op['x-vigil-role'], key).toBe(expected);
      expect(op.description, key).toMatch(/\*\*Who:\*\* /);
      expect(op.security.length, key).toBeGreaterThan(0);
      if (expected !== 'anyone') expect(op.responses['401'], key).toBeDefined();
      if (expected === 'analyst' || expected === 'admin') expect(op.responses['403'], key).toBeDefined();
    }
    const role = (k: string) => operations().find(({ method, path }) => `${method} ${path}` === k)?.op['x-vigil-role'];
    expect([
      role('get /api/health'),
      role('get /api/scores'),
      role('get /api/observations'),
      role('post /api/observations'),
      role('patch /api/users/{id}'),
    ]).toEqual(['anyone', 'public', 'viewer', 'analyst', 'admin']);
  });

  it('gives parameters their constraints from the validating schemas, and every error the envelope', () => {
    const scores = spec.paths['/api/scores']!.get!;
    const param = (name: string) => scores.parameters!.find((p) => p.name === name)!;
    expect(param('lens').schema).toMatchObject({ enum: [...LENSES], default: 'overall' });
    expect(param('period').schema).toMatchObject({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
    expect(param('level').schema).toMatchObject({ enum: ['0', '1', '2'] });
    expect(spec.paths['/api/risers']!.get!.parameters!.find((p) => p.name === 'limit')!.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 200,
    });
    expect(spec.paths['/api/regions/{code}/explain']!.get!.parameters!.find((p) => p.name === 'code')).toMatchObject({
      in: 'path',
      required: true,
      schema: { pattern: expect.any(String) },
    });
    expect(spec.paths['/api/observations']!.post!.requestBody!.content['application/json']!.schema).toMatchObject({
      required: expect.arrayContaining(['region', 'indicator', 'period', 'value', 'confidence', 'source']),
    });
    expect(spec.paths['/api/users']!.post!.requestBody!.content['application/json']!.schema).toMatchObject({
      required: expect.arrayContaining(['email', 'role', 'password']),
    });
    for (const { op } of operations())
      for (const [status, r] of Object.entries(op.responses))
        if (Number(status) >= 400)
          expect(r.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['ErrorEnvelope', 'FieldError', 'ScoreRow', 'Explanation', 'Observation', 'ImportReport']),
    );
    expect(JSON.stringify(spec)).not.toMatch(/#\/\$defs\//);
  });

  it('documents constraints the server really enforces: a value outside one is a 400 naming the parameter', async () => {
    let checked = 0;
    for (const { path, op } of operations().filter((o) => o.method === 'get' && o.op['x-vigil-role'] === 'public')) {
      for (const p of op.parameters ?? []) {
        const s = p.schema as { enum?: string[]; pattern?: string };
        if (p.in !== 'query' || !(s.enum || s.pattern)) continue;
        const concrete = path.replace('{code}', 'IQ-NI').replace('{level}', '0').replace('{id}', 'children-focus');
        const res = await app.request(`${concrete}?${p.name}=${encodeURIComponent('not valid!')}`);
        expect(res.status, `${path} ?${p.name}`).toBe(400);
        const body = ErrorEnvelopeShape.parse(await res.json());
        expect(
          body.error.fields?.map((f) => f.field),
          `${path} ?${p.name}`,
        ).toContain(p.name);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  // Each example is computed for real, the sensitivity one included; the validation is the one stored in
  // the database (served as stale after the import above while it is recomputed in the background). A
  // ceiling for a hung test on loaded cores, not a speed check.
  it(
    'describes the responses the routes give: each documented example answers in its documented shape',
    { timeout: 360_000 },
    async () => {
      const checked: string[] = [];
      for (const resource of RESOURCE_DOCS) {
        for (const doc of resource.routes) {
          const shape = doc.responses[200]?.shape;
          if (doc.method !== 'get' || !doc.example || !shape) continue;
          const res = await app.request(doc.example, { headers: admin.bearer });
          expect(res.status, doc.example).toBe(200);
          const body: unknown = await res.json();
          const parsed = shape.safeParse(body);
          expect(
            parsed.success ? [] : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`),
            doc.example,
          ).toEqual([]);
          checked.push(doc.path);
        }
      }
      expect(checked.length).toBeGreaterThan(25);
    },
  );

  it('describes what writes answer: the import report, the stored observation, and the envelope of a 400', async () => {
    const shapeOf = (method: string, path: string, status: number) =>
      RESOURCE_DOCS.flatMap((r) => r.routes).find((d) => d.method === method && d.path === path)!.responses[status]!
        .shape!;
    expect(imported.status).toBe(201);
    const report = shapeOf('post', '/api/imports', 201).safeParse(await imported.json());
    expect(report.error?.issues ?? []).toEqual([]);
    const entry = {
      region: 'IQ-DA',
      indicator: 'afac.rf1',
      period: '2016-06',
      value: 2,
      confidence: 'low',
      source: { citation: 'OpenAPI test partner' },
    };
    const created = await app.request('/api/observations', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify(entry),
    });
    expect(created.status).toBe(201);
    const stored = shapeOf('post', '/api/observations', 201).safeParse(await created.json());
    expect(stored.error?.issues ?? []).toEqual([]);
    const bad = await app.request('/api/observations', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...entry, period: '2016-13' }),
    });
    expect(bad.status).toBe(400);
    expect(ErrorEnvelopeShape.parse(await bad.json()).error.fields?.map((f) => f.field)).toContain('period');
  });
});

describe('api/README.md', () => {
  it('lists every route with the role the app enforces', () => {
    const listed = new Map<string, string>();
    for (const [, methods, paths, role] of readFileSync('api/README.md', 'utf8').matchAll(
      /^\| ([A-Z, ]+) \| (`[^|]*(?:\\\|[^|]*)*`) \| (\w[\w-]*) \|/gm,
    )) {
      for (const path of [...paths!.matchAll(/`([^`]+)`/g)].map((m) =>
        m[1]!.split('?')[0]!.replace(/\{([^}]+)\}/g, ':$1'),
      )) {
        for (const method of methods!.split(', ')) listed.set(`${method} ${path}`, role!);
      }
    }
    const documented = new Map(
      operations().map(({ method, path, op }) => [
        `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
        op['x-vigil-role'],
      ]),
    );
    expect(
      [...documented.keys()].filter((k) => !listed.has(k)),
      'routes missing from the table in api/README.md',
    ).toEqual([]);
    expect(
      [...listed.keys()].filter((k) => !documented.has(k)),
      'rows of api/README.md for routes that do not exist',
    ).toEqual([]);
    for (const [k, role] of documented) expect(listed.get(k), k).toBe(role);
  });
});

describe('GET /api/docs', () => {
  it('is an HTML page of every route, grouped by resource, loading nothing from another server', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    for (const tag of spec.tags) expect(html).toContain(`<h2>${tag.name}</h2>`);
    for (const { method, path } of operations())
      expect(html, `${method} ${path}`).toMatch(
        new RegExp(
          `${method.toUpperCase()}</span> <code class="path">${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</code>`,
        ),
      );
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    expect(
      refs.filter((u) => /^(https?:)?\/\//i.test(u) || /^[a-z][a-z0-9+.-]*:/i.test(u.replace(/^data:,$/, ''))),
      'links or sources to another host',
    ).toEqual([]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html, 'inline script or style, which the Content-Security-Policy blocks').not.toMatch(
      /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/i,
    );
    for (const asset of refs.filter((u) => u.startsWith('/api/docs/'))) {
      const a = await app.request(asset);
      expect(a.status, asset).toBe(200);
      expect(a.headers.get('content-type'), asset).toMatch(/^text\/(css|javascript)/);
      expect(await a.text(), asset).not.toMatch(/https?:\/\//);
    }
    expect(refs).toEqual(expect.arrayContaining(['/api/docs/docs.css', '/api/docs/docs.js', '/api/openapi.json']));
    // A way back to the dashboard for someone who followed a link here from it.
    expect(html).toContain('<a href="/">← Back to the Vigil dashboard</a>');
  });

  it('is a public read, like the document itself', async () => {
    const closed = createApp({ db, version: '9.9.9', security: { publicRead: false } });
    for (const path of ['/api/docs', '/api/openapi.json', '/api/docs/docs.css']) {
      expect((await app.request(path)).status, path).toBe(200);
      expect((await closed.request(path)).status, `${path} with public read off`).toBe(401);
    }
  });
});
