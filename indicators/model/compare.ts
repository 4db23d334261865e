import { isRiskClass } from './classify.ts';

/** What {@link compareScenarios} needs of a score. */
export interface ComparableScore {
  region: string;
  score: number | null;
  class: string;
}

/** How one region moves from the base scenario to the alternative. */
export interface ScenarioMove {
  region: string;
  baseScore: number | null;
  altScore: number | null;
  /** `altScore − baseScore`, or null when either is unscored. */
  delta: number | null;
  baseClass: string;
  altClass: string;
  /** Rank among classed regions (1 = highest; ties share a rank), or null when unclassed. */
  baseRank: number | null;
  altRank: number | null;
  /** `baseRank − altRank`: positive when the region climbs. Null when either rank is missing. */
  rankChange: number | null;
  classChanged: boolean;
}

/** Which regions move between two scenarios, and by how much. */
export interface ScenarioComparison {
  /** Every region scored in either scenario, largest absolute change first. */
  moves: ScenarioMove[];
  summary: {
    regions: number;
    /** Regions whose score moved by at least `threshold` points or whose class changed. */
    moved: number;
    classChanges: number;
    meanAbsDelta: number;
    maxRise: { region: string; delta: number } | null;
    maxFall: { region: string; delta: number } | null;
    threshold: number;
  };
}

/**
 * Ranks of classed scores, highest first; equal scores share the better rank ("1224" ranking).
 * @example competitionRanks([{ region: 'A', score: 9, class: 'very-high' }]).get('A') === 1
 */
export function competitionRanks(rows: readonly ComparableScore[]): Map<string, number> {
  const classed = rows
    .filter((r) => r.score !== null && isRiskClass(r.class))
    .sort((a, b) => b.score! - a.score! || a.region.localeCompare(b.region));
  const out = new Map<string, number>();
  classed.forEach((r, i) =>
    out.set(r.region, i > 0 && classed[i - 1]!.score === r.score ? out.get(classed[i - 1]!.region)! : i + 1),
  );
  return out;
}

/**
 * Compares the same regions scored under two scenarios: the change of each region's score, class
 * and rank, and a summary of how many moved.
 * @example compareScenarios(baselineRows, childrenFocusRows).summary.moved
 */
export function compareScenarios(
  base: readonly ComparableScore[],
  alt: readonly ComparableScore[],
  threshold = 0.5,
): ScenarioComparison {
  const b = new Map(base.map((r) => [r.region, r]));
  const a = new Map(alt.map((r) => [r.region, r]));
  const rb = competitionRanks(base);
  const ra = competitionRanks(alt);
  const codes = [...new Set([...b.keys(), ...a.keys()])];
  const moves: ScenarioMove[] = codes.map((region) => {
    const x = b.get(region);
    const y = a.get(region);
    const baseScore = x?.score ?? null;
    const altScore = y?.score ?? null;
    const baseRank = rb.get(region) ?? null;
    const altRank = ra.get(region) ?? null;
    const baseClass = x?.class ?? 'no-data';
    const altClass = y?.class ?? 'no-data';
    return {
      region,
      baseScore,
      altScore,
      delta: baseScore === null || altScore === null ? null : altScore - baseScore,
      baseClass,
      altClass,
      baseRank,
      altRank,
      rankChange: baseRank === null || altRank === null ? null : baseRank - altRank,
      classChanged: baseClass !== altClass,
    };
  });
  moves.sort((p, q) => Math.abs(q.delta ?? 0) - Math.abs(p.delta ?? 0) || p.region.localeCompare(q.region));
  const deltas = moves.filter((m) => m.delta !== null) as (ScenarioMove & { delta: number })[];
  const rise = deltas.reduce<(typeof deltas)[number] | null>(
    (m, d) => (d.delta > 0 && (!m || d.delta > m.delta) ? d : m),
    null,
  );
  const fall = deltas.reduce<(typeof deltas)[number] | null>(
    (m, d) => (d.delta < 0 && (!m || d.delta < m.delta) ? d : m),
    null,
  );
  return {
    moves,
    summary: {
      regions: moves.length,
      moved: moves.filter((m) => m.classChanged || Math.abs(m.delta ?? 0) >= threshold).length,
      classChanges: moves.filter((m) => m.classChanged).length,
      meanAbsDelta: deltas.length ? deltas.reduce((s, d) => s + Math.abs(d.delta), 0) / deltas.length : 0,
      maxRise: rise ? { region: rise.region, delta: rise.delta } : null,
      maxFall: fall ? { region: fall.region, delta: fall.delta } : null,
      threshold,
    },
  };
}
