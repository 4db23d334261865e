import {
  BASELINE_SCENARIO,
  MODEL_CONFIG,
  observationsByRegion,
  prepareLens,
  roundTo,
  scoreFamilies,
  sourceKeyOf,
  NO_DATA,
} from '../../../indicators/index.ts';
import type { Lens, ModelObservation, PreparedLens, ScoreClass } from '../../../indicators/index.ts';
import { sqliteHandleOf, type AsyncDb } from '../../../db/async.ts';
import { observationsAsync } from '../../../db/queries/observations.ts';
import type { RegionRow } from '../../../db/queries/regions.ts';
import { ApiError, badRequest } from '../../errors.ts';
import { modelInputs } from '../scores/model-inputs.ts';
import { scoringContextAsync } from '../scores/sweep-scores.ts';
import type { Basis } from '../scores/score-wire.ts';
import { loadWriteContextAsync } from './checks.ts';
import type { ObservationInput } from './input.ts';
import { conflictOf, validateObservation } from './write-path.ts';

/** The lenses a preview shows: the overall score and the trafficking lens. */
export const PREVIEW_LENSES = ['overall', 'tip'] as const satisfies readonly Lens[];

/** One region's score in one lens, as the map and the region profile would show it. */
export interface PreviewSide {
  /** 0–10 (two decimals), or null when the region has no score of its own. */
  score: number | null;
  class: ScoreClass;
  basis: Basis;
  /** Trafficking lens: scored on conditions only, no direct sign recorded for the region itself. */
  conditionsOnly: boolean;
}

/** A score now and once the observation is saved. */
export interface PreviewChange {
  before: PreviewSide;
  after: PreviewSide;
  classChanges: boolean;
}

/** One region's scores in the preview's lenses. */
export interface PreviewRegion {
  code: string;
  name: string;
  level: number;
  overall: PreviewChange;
  tip: PreviewChange;
}

/** What saving an observation would do to its region's scores (and its country's roll-up) that month. */
export interface ObservationPreview {
  period: string;
  region: PreviewRegion;
  /** The country's score (the roll-up of its own records and its regions') when the region is a first-level one. */
  parent: PreviewRegion | null;
}

/** Above every stored id: on the same month, the model lets the later-entered observation win. */
const PROPOSED_ID = Number.MAX_SAFE_INTEGER;

const NOTHING: PreviewSide = { score: null, class: NO_DATA, basis: 'none', conditionsOnly: false };

/**
 * Scores the region (and its country) for the observation's month from the current observations,
 * once as they are and once with the proposed observation added in memory, by the same model code
 * that computes the stored scores (`scoreFamilies` over the country's family, baseline weights,
 * small counts banded as stored). Nothing is written: the database is only read. Validates the body
 * exactly as `POST /api/observations` does (400 naming each bad field, 409 when the month already has
 * a current observation of the indicator for the region).
 */
export async function previewObservation(data: AsyncDb, raw: unknown, now = new Date()): Promise<ObservationPreview> {
  const v = validateObservation(raw, await loadWriteContextAsync(data, now));
  if (!v.ok) throw badRequest(v.errors, 'Invalid observation');
  const input = v.input;
  const conflict = await conflictOf(data, input);
  if (conflict) throw conflict;

  // SQLite: the model inputs kept between requests; PostgreSQL: the scoring context, and the family's observations read through `data`.
  const db = sqliteHandleOf(data);
  const inputs = db ? modelInputs(db) : null;
  const ctx = inputs ? null : await scoringContextAsync(data);
  const catalogue = inputs?.catalogue ?? ctx?.catalogue;
  if (!catalogue) throw new ApiError(503, 'unavailable', 'No catalogue loaded yet');
  const regions = inputs?.regions ?? ctx!.regions;
  const byCode = inputs?.regionByCode ?? ctx!.byCode;
  const region = byCode.get(input.region)!;
  const country = region.level === 0 ? region.code : (region.parent ?? null);
  const members = regions.filter(
    (r) => r.code === region.code || (country !== null && (r.code === country || r.parent === country)),
  );

  // The family's current observations as the model reads them (memoised by the inputs until the next write).
  const before: ReadonlyMap<string, readonly ModelObservation[]> = inputs
    ? country
      ? inputs.family(country)
      : inputs.observationsFor([region.code])
    : observationsByRegion(
        await observationsAsync.currentOf(
          data,
          members.map((r) => r.code),
        ),
        members,
      );
  const after = withProposed(before, members, region, proposedObservation(input));

  const lens = (l: Lens): PreparedLens =>
    inputs ? inputs.lens(l, BASELINE_SCENARIO) : prepareLens(catalogue, l, {}, MODEL_CONFIG, 'v2');
  const scored = PREVIEW_LENSES.map((l) => {
    const run = (byRegion: ReadonlyMap<string, readonly ModelObservation[]>) =>
      scoreFamilies({
        lens: lens(l),
        periods: [input.period],
        regions: members,
        byRegion,
        countries: country ? new Set([country]) : undefined,
      });
    return { lens: l, before: run(before), after: run(after) };
  });

  const describe = (r: RegionRow): PreviewRegion => {
    const change = (l: Lens): PreviewChange => {
      const s = scored.find((x) => x.lens === l)!;
      const side = (rows: typeof s.before) => {
        const row = rows.find((x) => x.level === r.level && x.score.region === r.code);
        return row ? sideOf(row.score, l) : NOTHING;
      };
      const b = side(s.before);
      const a = side(s.after);
      return { before: b, after: a, classChanges: b.class !== a.class };
    };
    return { code: r.code, name: r.name, level: r.level, overall: change('overall'), tip: change('tip') };
  };
  const parent = region.level === 1 && country ? byCode.get(country) : undefined;
  return { period: input.period, region: describe(region), parent: parent ? describe(parent) : null };
}

/** The proposed observation as the model reads a stored one (its source key derived from the citation). */
function proposedObservation(input: ObservationInput): ModelObservation {
  return {
    id: PROPOSED_ID,
    regionCode: input.region,
    indicatorId: input.indicator,
    period: input.period,
    value: input.value,
    confidence: input.confidence,
    source: sourceKeyOf(input.source.citation),
  };
}

/**
 * The family's observations with the proposed one added, as `observationsByRegion` would have built
 * them: a region's own, or a country's record inherited by each of its first-level regions.
 */
function withProposed(
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>,
  members: readonly RegionRow[],
  region: RegionRow,
  o: ModelObservation,
): Map<string, readonly ModelObservation[]> {
  const out = new Map(byRegion);
  const add = (code: string, obs: ModelObservation) => out.set(code, [...(byRegion.get(code) ?? []), obs]);
  add(region.code, o);
  if (region.level === 0)
    for (const r of members) if (r.level === 1 && r.parent === region.code) add(r.code, { ...o, inherited: true });
  return out;
}

function sideOf(
  s: {
    score: number | null;
    class: ScoreClass;
    evidence: { indicators: number; signs: number };
  },
  lens: Lens,
): PreviewSide {
  return {
    score: roundTo(s.score, 2),
    class: s.class,
    basis: s.score !== null ? 'own' : s.evidence.indicators > 0 ? 'country' : 'none',
    conditionsOnly: lens === 'tip' && s.score !== null && s.evidence.signs === 0,
  };
}
