import type { DuckDBConnection } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import type { ModelConfig } from '../../indicators/index.ts';

/** How Vigil's stored scores and the SQL model's compare, row by row. */
export interface Agreement {
  rows: { vigil: number; sql: number; compared: number };
  /** Rows only one side has. */
  missing: { vigilOnly: number; sqlOnly: number };
  /** Rows differing beyond the tolerance, by field. */
  mismatches: Record<string, number>;
  /** Differences explained by a tie or a value on a threshold within the tolerance (summing in another order moves the last bits). */
  ties: Record<string, number>;
  maxScoreDelta: number;
  tolerance: number;
  agree: boolean;
  examples: string[];
}

type VigilRow = [
  lens: string,
  period: string,
  level: number,
  region: string,
  score: number | null,
  cls: string,
  coverage: number,
  confidence: string | null,
  trend3: number | null,
  trend12: number | null,
  drivers: string,
  rolledFrom: string | null,
  indicators: number,
  groups: number,
  sources: number,
  signs: number,
  own: number,
];
type SqlRow = [
  lens: string,
  period: string,
  level: number,
  region: string,
  score: number | null,
  cls: string,
  coverage: number,
  confidence: string | null,
  trend3: number | null,
  trend12: number | null,
  drivers: string | null,
  rolledFrom: string | null,
  indicators: number | bigint,
  groups: number | bigint,
  sources: number | bigint,
  signs: number | bigint,
  own: number | bigint,
  confMean: number,
  staleRatio: number,
  inheritedShare: number,
];

/** The stored evidence counts (`indicators_observed` … `own_observed`), in column order from index 12. */
const EVIDENCE_COUNTS = ['indicatorsObserved', 'groupsObserved', 'sourcesObserved', 'signsObserved', 'ownObserved'];

const near = (a: number | null, b: number | null, tol: number) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= tol;

/**
 * Streams both sides in key order (lens, month, level, region) and compares every field: numbers
 * within `tolerance`, classes and confidence grades exactly unless the value they come from lies on
 * a threshold within the tolerance, drivers by points and id (ties may order differently).
 */
export async function compareScores(
  sqlitePath: string,
  con: DuckDBConnection,
  config: ModelConfig,
  tolerance = 1e-9,
): Promise<Agreement> {
  const db = new Database(sqlitePath, { readonly: true });
  const vigil = db
    .prepare(
      `select lens, period, level, region_code, score, class, coverage, confidence, trend3, trend12, drivers, rolled_up_from,
         indicators_observed, groups_observed, sources_observed, signs_observed, own_observed
       from scores where scenario = 'baseline' order by lens, period, level, region_code`,
    )
    .raw(true)
    .iterate() as IterableIterator<VigilRow>;
  const result = await con.stream(
    `select s.lens, s.period, s.level, s.region, s.score, s.class, s.coverage, s.confidence, s.trend3, s.trend12,
       array_to_string(list_transform(s.drivers, d -> ii.ids[d.idx + 1] || '@' || d.p || '@' || coalesce(cc.codes[d.src], '')), ';'),
       s.rolled_from, s.nind, s.ngroups, s.nsrc, s.signs, s.own, s.conf_mean, s.stale_ratio, s.inh_share
     from scores_sql s cross join (select list(id order by idx) as ids from ind) ii cross join (select list(code order by rid) as codes from rid) cc
     order by s.lens, s.period, s.level, s.region`,
  );
  const out: Agreement = {
    rows: { vigil: 0, sql: 0, compared: 0 },
    missing: { vigilOnly: 0, sqlOnly: 0 },
    mismatches: {},
    ties: {},
    maxScoreDelta: 0,
    tolerance,
    agree: false,
    examples: [],
  };
  const bump = (m: Record<string, number>, k: string, ex?: string) => {
    m[k] = (m[k] ?? 0) + 1;
    if (ex && out.examples.length < 10 && m === out.mismatches) out.examples.push(`${k}: ${ex}`);
  };
  const thresholds = config.classThresholds.map((t) => t.min);
  const coverageEdges = Object.values(config.evidence.confidenceCoverage);
  const onEdge = (x: number, edges: readonly number[]) => edges.some((e) => Math.abs(x - e) <= tolerance);
  let chunk: SqlRow[] = [];
  let at = 0;
  const nextSql = async (): Promise<SqlRow | null> => {
    while (at >= chunk.length) {
      const c = await result.fetchChunk();
      if (!c || c.rowCount === 0) return null;
      chunk = c.getRows() as unknown as SqlRow[];
      at = 0;
    }
    return chunk[at++]!;
  };
  const key = (r: VigilRow | SqlRow) => `${r[0]}|${r[1]}|${r[2]}|${r[3]}`;
  let v = vigil.next();
  let s = await nextSql();
  while (!v.done || s) {
    const kv = v.done ? null : key(v.value);
    const ks = s ? key(s) : null;
    if (kv !== null && (ks === null || kv < ks)) {
      out.missing.vigilOnly++;
      out.rows.vigil++;
      if (out.examples.length < 10) out.examples.push(`only in Vigil: ${kv}`);
      v = vigil.next();
      continue;
    }
    if (ks !== null && (kv === null || ks < kv)) {
      out.missing.sqlOnly++;
      out.rows.sql++;
      if (out.examples.length < 10) out.examples.push(`only in SQL: ${ks}`);
      s = await nextSql();
      continue;
    }
    const a = v.value as VigilRow;
    const b = s!;
    out.rows.vigil++;
    out.rows.sql++;
    out.rows.compared++;
    const k = kv!;
    const delta = a[4] === null || b[4] === null ? (a[4] === b[4] ? 0 : Infinity) : Math.abs(a[4] - b[4]);
    out.maxScoreDelta = Math.max(out.maxScoreDelta, delta);
    if (!near(a[4], b[4], tolerance)) bump(out.mismatches, 'score', `${k} ${a[4]} vs ${b[4]}`);
    if (!near(a[8], b[8], tolerance)) bump(out.mismatches, 'trend3', `${k} ${a[8]} vs ${b[8]}`);
    if (!near(a[9], b[9], tolerance)) bump(out.mismatches, 'trend12', `${k} ${a[9]} vs ${b[9]}`);
    if (a[11] !== b[11]) {
      // Two candidates of a roll-up with the same score: the winner, and all it brings, may differ.
      bump(delta <= tolerance ? out.ties : out.mismatches, 'rolledUpFrom', `${k} ${a[11]} vs ${b[11]}`);
    } else {
      if (!near(a[6], b[6], tolerance)) bump(out.mismatches, 'coverage', `${k} ${a[6]} vs ${b[6]}`);
      EVIDENCE_COUNTS.forEach((name, j) => {
        if (Number(a[12 + j]) !== Number(b[12 + j])) bump(out.mismatches, name, `${k} ${a[12 + j]} vs ${b[12 + j]}`);
      });
      if (a[5] !== b[5])
        bump(
          b[4] !== null && onEdge(b[4], thresholds) ? out.ties : out.mismatches,
          'class',
          `${k} ${a[5]} vs ${b[5]} (score ${b[4]})`,
        );
      if (a[7] !== b[7]) {
        const frac = b[17] - Math.floor(b[17]);
        const tie =
          Math.abs(frac - 0.5) <= tolerance ||
          onEdge(b[6], coverageEdges) ||
          onEdge(b[18], [config.staleAgeFactor]) ||
          onEdge(b[19], [config.inheritedShareLimit]);
        bump(tie ? out.ties : out.mismatches, 'confidence', `${k} ${a[7]} vs ${b[7]}`);
      }
      compareDrivers(a[10], b[10], config.driverCount, tolerance, (kind, ex) =>
        bump(kind === 'tie' ? out.ties : out.mismatches, 'drivers', `${k} ${ex}`),
      );
    }
    v = vigil.next();
    s = await nextSql();
  }
  db.close();
  out.agree =
    out.missing.vigilOnly === 0 &&
    out.missing.sqlOnly === 0 &&
    Object.keys(out.mismatches).length === 0 &&
    out.rows.compared > 0;
  return out;
}

function compareDrivers(
  json: string,
  sql: string | null,
  n: number,
  tol: number,
  report: (kind: 'tie' | 'mismatch', ex: string) => void,
): void {
  const a = (JSON.parse(json) as { indicatorId: string; points: number; region?: string }[]).map((d) => ({
    id: d.indicatorId,
    p: d.points,
    src: d.region ?? '',
  }));
  const all = (sql ? sql.split(';') : []).map((x) => {
    const [id = '', p = '', src = ''] = x.split('@');
    return { id, p: Number(p), src };
  });
  const b = all.slice(0, n);
  if (a.length !== b.length) return report('mismatch', `${a.length} drivers vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Math.abs(x.p - y.p) > tol) return report('mismatch', `driver ${i + 1} points ${x.p} vs ${y.p}`);
    if (x.id === y.id && x.src === y.src) continue;
    const tied = all.some((z, j) => j !== i && Math.abs(z.p - y.p) <= tol);
    return report(tied ? 'tie' : 'mismatch', `driver ${i + 1} ${x.id}@${x.src} vs ${y.id}@${y.src}`);
  }
}
