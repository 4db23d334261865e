import { afterAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

/**
 * Do no harm: a count of people below 5 is written "<5", and no public output may let it be read
 * back through a score, a point, an alert or an export. Four installations differ only by the count
 * recorded (1, 2, 3 or 4): everything an anonymous visitor can read must be byte for byte the same.
 */
const PERIOD = '2017-06';
const REGION = 'NG-BO';
const apps: { k: number; app: TestApp; analyst: Credentials }[] = [];
afterAll(() => apps.forEach((a) => a.app.close()));

async function installationWith(k: number) {
  const app = await startApp();
  const analyst = await createUserAndLogin(app, 'analyst');
  const res = await app.request('/api/observations', {
    method: 'POST',
    headers: { ...analyst.bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      region: REGION,
      indicator: 'tip.crsv-trafficking-incidents',
      period: PERIOD,
      value: k,
      confidence: 'high',
      source: { citation: 'Protection cluster incident summary, June 2017 (test)' },
    }),
  });
  expect(res.status).toBe(201);
  apps.push({ k, app, analyst });
}

/** What an anonymous visitor reads about the month, with the generation time taken out. */
async function publicOutputs(app: TestApp): Promise<Record<string, string>> {
  const paths = [
    `/api/scores?period=${PERIOD}&lens=tip&level=1`,
    `/api/scores?period=${PERIOD}&lens=overall&level=0`,
    `/api/regions/${REGION}/scores?lens=tip&from=2017-01&to=2017-12`,
    `/api/regions/${REGION}/explain?period=${PERIOD}&lens=tip`,
    `/api/alerts?period=${PERIOD}&lens=tip`,
    `/api/risers?period=${PERIOD}&lens=tip&level=1`,
    `/api/export/scores.csv?period=${PERIOD}&lens=tip&level=1`,
    `/api/export/scores.geojson?period=${PERIOD}&lens=tip&level=1`,
    `/api/export/brief?region=${REGION}&period=${PERIOD}&lens=tip`,
  ];
  const out: Record<string, string> = {};
  for (const p of paths) {
    const res = await app.request(p);
    expect(res.status, p).toBe(200);
    out[p] = (await res.text()).replace(/"generatedAt":"[^"]+"/g, '"generatedAt":"…"');
  }
  return out;
}

describe('small counts stay hidden in every public output', () => {
  it('counts 1, 2, 3 and 4 give byte-identical public outputs', async () => {
    for (const k of [1, 2, 3, 4]) await installationWith(k);
    const outputs = await Promise.all(apps.map((a) => publicOutputs(a.app)));
    for (const o of outputs.slice(1)) for (const p of Object.keys(o)) expect(o[p], p).toBe(outputs[0]![p]);
    // The count does reach the score (as its band), and the explanation shows it only as "<5".
    const e = JSON.parse(outputs[0]![`/api/regions/${REGION}/explain?period=${PERIOD}&lens=tip`]!) as {
      counts: string;
      contributions: { indicatorId: string; display: string | null; value: number | null; points: number }[];
    };
    const c = e.contributions.find((x) => x.indicatorId === 'tip.crsv-trafficking-incidents')!;
    expect(e.counts).toBe('banded');
    expect(c).toMatchObject({ display: '<5 incidents', value: null });
    expect(c.points).toBeGreaterThan(0);
  });

  it('shows signed-in analysts the counts as recorded, and their exact effect on the score', async () => {
    const explained = await Promise.all(
      apps.map(async ({ app, analyst }) => {
        const res = await app.request(`/api/regions/${REGION}/explain?period=${PERIOD}&lens=tip`, {
          headers: analyst.bearer,
        });
        expect(res.headers.get('cache-control')).toContain('private');
        return (await res.json()) as {
          counts: string;
          score: number;
          contributions: { indicatorId: string; display: string | null }[];
        };
      }),
    );
    expect(explained.map((e) => e.counts)).toEqual(['exact', 'exact', 'exact', 'exact']);
    expect(
      explained.map((e) => e.contributions.find((x) => x.indicatorId === 'tip.crsv-trafficking-incidents')!.display),
    ).toEqual(['1 incidents', '2 incidents', '3 incidents', '4 incidents']);
    const scores = explained.map((e) => e.score);
    expect(new Set(scores).size).toBe(4);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });
});
