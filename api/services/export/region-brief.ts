import type { Db } from '../../../db/client.ts';
import { listIndicatorGroups } from '../../../db/queries/catalogue.ts';
import { getRegion } from '../../../db/queries/regions.ts';
import { scoredPeriods } from '../../../db/queries/scores.ts';
import { addMonths, NO_DATA, periodRange } from '../../../indicators/index.ts';
import type { Lens, Period } from '../../../indicators/index.ts';
import { notFound } from '../../errors.ts';
import { explain } from '../scores/explain.ts';
import { regionSeries } from '../scores/live-scores.ts';
import { modelInputs } from '../scores/model-inputs.ts';
import { toWire } from '../scores/score-wire.ts';
import { briefDocument } from './brief.ts';
import { exportMetadata } from './metadata.ts';
import { createScoreExporter } from './score-export.ts';
import { label, regionKind, type Lang } from '../../i18n.ts';

/** Months of history a brief's trend chart shows when no range is asked for. */
export const BRIEF_MONTHS = 36;

/** What `GET /api/export/brief` is asked for. */
export interface BriefQuery {
  region: string;
  period?: Period;
  lens: Lens;
  scenario: string;
  from?: Period;
  to?: Period;
  /** The language of the brief's texts and labels (English by default); ids stay English. */
  lang?: Lang;
}

/**
 * The printable brief of `q.region` (see `briefDocument`), its series over `from`–`to` when asked
 * (from the first scored month at the earliest), else the {@link BRIEF_MONTHS} months up to the
 * period, its texts and labels in `q.lang`. Throws a 404 for an unknown region or when nothing is scored.
 */
export function regionBrief(db: Db, version: string, q: BriefQuery) {
  const region = getRegion(db, q.region);
  if (!region) throw notFound(`Region ${q.region}`);
  const lang = q.lang ?? 'en';
  const view = createScoreExporter(db, version).resolve({
    period: q.period,
    lens: q.lens,
    scenario: q.scenario,
    level: region.level,
  });
  const inputs = modelInputs(db);
  const parent = region.parent ? getRegion(db, region.parent) : undefined;
  const firstScored = scoredPeriods(db)[0] ?? view.period;
  const to = q.to ?? (q.from && q.from > view.period ? q.from : view.period);
  const from = [firstScored, q.from ?? addMonths(to, -(BRIEF_MONTHS - 1))].sort().at(-1)!;
  const scored = new Map(
    regionSeries(db, inputs, { region: region.code, lens: view.lens, scenario: view.scenario, from, to }).map((r) => [
      r.period,
      r,
    ]),
  );
  const series = (from <= to ? periodRange(from, to) : []).map((p) => ({
    period: p,
    score: scored.has(p) ? toWire(scored.get(p)!, view.lens).score : null,
    class: scored.get(p)?.class ?? NO_DATA,
  }));
  return briefDocument({
    region: {
      code: region.code,
      name: region.name,
      level: region.level,
      kind: regionKind(lang, region.kind, region.level),
      parent: parent ? { code: parent.code, name: parent.name } : null,
    },
    explanation: explain(db, inputs, {
      region,
      period: view.period,
      lens: view.lens,
      scenario: view.scenario,
      method: 'v2',
      lang,
    }),
    series,
    groupLabels: new Map(listIndicatorGroups(db).map((g) => [g.id, label(lang, 'groups', g.id, g.label)])),
    metadata: exportMetadata(db, view, { version, lang }),
    lang,
  });
}
