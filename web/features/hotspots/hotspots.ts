import { RISK_CLASSES } from '../../../indicators/index.ts';
import type { RiskClass } from '../../../indicators/index.ts';
import { fmtChange } from '../../lib/format.ts';
import { t } from '../../i18n/messages.ts';
import { indicatorLabel } from '../../i18n/catalogue-labels.tsx';

/** The fields of a score row that hotspots need. */
export interface HotspotInput {
  region: string;
  name: string;
  score: number | null;
  class: string;
  trend?: number | null;
  drivers: readonly { indicatorId: string; label: string; region?: string }[];
  /** `country`: the region has only its country's records and is never a hotspot. */
  basis?: string;
  /** Trafficking lens: scored on conditions only (no direct sign of its own); listed, and marked so. */
  conditionsOnly?: boolean;
}

/** A hotspot: a region among the highest scores, with a one-line reason. */
export interface Hotspot {
  rank: number;
  region: string;
  name: string;
  score: number;
  class: RiskClass;
  reason: string;
  /** Scored on conditions (drivers) only, with no direct sign recorded for the region itself. */
  conditionsOnly: boolean;
  /** Other regions with the same score from the same evidence recorded elsewhere (e.g. for their whole country), folded into this one. */
  alike: number;
}

/**
 * The top `n` regions by score among those with a risk class and evidence of their own (regions with
 * insufficient or no data, or with their country's records only, are never hotspots: missing is not
 * risk, and a country's records are the country's). Conditions-only regions are listed, marked. Ties break by name so the order is stable. Regions that
 * score the same only because of one record made for a wider area (every province of a country
 * inheriting its country's evidence) are folded into one entry, so one record does not fill the list.
 */
export function topHotspots(
  rows: readonly HotspotInput[],
  n: number,
  names?: ReadonlyMap<string, string>,
  labels?: ReadonlyMap<string, string>,
): Hotspot[] {
  const out: Hotspot[] = [];
  const folded = new Map<string, Hotspot>();
  const ranked = rows
    .filter(
      (r): r is HotspotInput & { score: number } =>
        r.score !== null && r.basis !== 'country' && (RISK_CLASSES as readonly string[]).includes(r.class),
    )
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  for (const r of ranked) {
    const top = r.drivers[0];
    const key = top?.region && top.region !== r.region ? `${top.region}|${top.indicatorId}|${r.score}` : null;
    const same = key ? folded.get(key) : undefined;
    if (same) {
      same.alike++;
      continue;
    }
    if (out.length === n) continue;
    const h: Hotspot = {
      rank: out.length + 1,
      region: r.region,
      name: r.name,
      score: r.score,
      class: r.class as RiskClass,
      reason: reasonLine(r, names, labels),
      conditionsOnly: r.conditionsOnly === true,
      alike: 0,
    };
    out.push(h);
    if (key) folded.set(key, h);
  }
  return out;
}

/** One line saying why a region scores as it does: its top driver, and its 3-month change when notable. */
export function reasonLine(
  r: Pick<HotspotInput, 'drivers' | 'trend'>,
  names?: ReadonlyMap<string, string>,
  labels?: ReadonlyMap<string, string>,
): string {
  const top = r.drivers[0];
  if (!top) return t('hotspots.noDriver');
  const label = labels?.get(top.indicatorId) ?? indicatorLabel(top.indicatorId, top.label);
  const reason = top.region ? t('hotspots.reasonIn', { label, place: names?.get(top.region) ?? top.region }) : label;
  return r.trend !== null && r.trend !== undefined && Math.abs(r.trend) >= 0.5
    ? t('hotspots.reasonChange', { reason, change: fmtChange(r.trend) })
    : reason;
}
