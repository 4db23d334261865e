import type { Lens } from '../../../indicators/index.ts';
import { DATED_MONTHS } from '../export/brief.ts';
import type { explain } from '../scores/explain.ts';
import { listIn, msg, percentIn, type Lang } from '../../i18n.ts';

/** One region's public explanation at the range's end, with its part of the area. */
export interface MemberEvidence {
  code: string;
  name: string;
  share: number;
  explanation: ReturnType<typeof explain>;
}

/** Drivers an area profile lists, at most. */
export const AREA_DRIVERS = 10;

/** A monitoring gap to close at deployment: what is missing, where, and how much of the area that is. */
export interface MonitoringGap {
  kind: 'no-evidence' | 'country-only' | 'risk-factor' | 'no-direct-sign' | 'single-source' | 'dated';
  /** The gap in plain words. */
  text: string;
  regions: string[];
  /** Part of the area's regions the gap concerns (0–1). */
  share: number;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * What the regions of an area say together at the range's end: the exploitation-form profile
 * (each region's form shares weighted by its area share, over the regions that have one), the
 * drivers (indicators adding points in some region, ranked by their area-weighted points, with
 * where they drive, the value shown where they weigh most and every source cited), coverage
 * (area-weighted), data gaps (risk factors of the lens observed nowhere or only in part of the
 * area, dated and country-level evidence) and the monitoring gaps a deployment should close,
 * largest first, their sentences in `lang` (English by default). Values are the explanations'
 * display text, so small counts stay `<5`.
 */
export function combineAreaEvidence(
  members: readonly MemberEvidence[],
  groupLabels: ReadonlyMap<string, string>,
  lens: Lens,
  lang: Lang = 'en',
) {
  const share = (codes: readonly string[]) =>
    round(members.filter((m) => codes.includes(m.code)).reduce((s, m) => s + m.share, 0));
  // Forms: a region's weights as shares of its own total, so a region with more evidence does not outweigh its area.
  const formTotals = new Map<string, { label: string; weight: number }>();
  let formBasis = 0;
  for (const m of members) {
    const total = m.explanation.forms.reduce((s, f) => s + Math.max(0, f.weight), 0);
    if (!(total > 0)) continue;
    formBasis += m.share;
    for (const f of m.explanation.forms) {
      if (!(f.weight > 0)) continue;
      const t = formTotals.get(f.form) ?? { label: f.label, weight: 0 };
      t.weight += (m.share * f.weight) / total;
      formTotals.set(f.form, t);
    }
  }
  const forms = [...formTotals]
    .map(([form, t]) => ({ form, label: t.label, share: round(t.weight / formBasis) }))
    .sort((a, b) => b.share - a.share || a.form.localeCompare(b.form));

  const drivers = new Map<
    string,
    {
      indicatorId: string;
      label: string;
      framework: string;
      relevance: string;
      weighted: number;
      top: { points: number; value: string; region: string; observedPeriod: string | null };
      regions: string[];
      inherited: boolean;
      sources: Set<string>;
    }
  >();
  const citations = new Map<string, Set<string>>();
  for (const m of members)
    for (const c of m.explanation.contributions) {
      if (!c.observed) continue;
      if (c.sourceCitation) {
        const set = citations.get(c.sourceCitation) ?? new Set<string>();
        if (c.sourceLocator) set.add(c.sourceLocator);
        citations.set(c.sourceCitation, set);
      }
      if (!(c.points > 0)) continue;
      const d = drivers.get(c.indicatorId) ?? {
        indicatorId: c.indicatorId,
        label: c.label,
        framework: c.framework,
        relevance: c.relevance,
        weighted: 0,
        top: { points: -1, value: '', region: m.code, observedPeriod: null },
        regions: [],
        inherited: false,
        sources: new Set<string>(),
      };
      d.weighted += m.share * c.points;
      if (!d.regions.includes(m.code)) d.regions.push(m.code);
      d.inherited ||= c.inherited;
      if (c.sourceCitation) d.sources.add(c.sourceCitation);
      if (c.points > d.top.points)
        d.top = { points: c.points, value: c.display ?? 'observed', region: m.code, observedPeriod: c.observedPeriod };
      drivers.set(c.indicatorId, d);
    }
  const driverList = [...drivers.values()]
    .sort((a, b) => b.weighted - a.weighted || a.indicatorId.localeCompare(b.indicatorId))
    .slice(0, AREA_DRIVERS)
    .map((d) => ({
      indicatorId: d.indicatorId,
      label: d.label,
      framework: d.framework,
      relevance: d.relevance,
      points: round(d.weighted, 2),
      maxPoints: d.top.points,
      value: d.top.value,
      strongestIn: d.top.region,
      observedPeriod: d.top.observedPeriod,
      regions: d.regions.sort(),
      share: share(d.regions),
      inherited: d.inherited,
      sources: [...d.sources].sort(),
    }));

  const withData = members.filter((m) => m.explanation.basis !== 'none');
  const noEvidence = members.filter((m) => m.explanation.basis === 'none').map((m) => m.code);
  const countryOnly = members.filter((m) => m.explanation.basis === 'country').map((m) => m.code);
  const coverage = {
    coverage: round(members.reduce((s, m) => s + m.share * m.explanation.coverage, 0)),
    regionsWithEvidence: withData.length,
    regions: members.length,
    shareWithEvidence: share(withData.map((m) => m.code)),
    shareClassed: share(
      members.filter((m) => !['no-data', 'insufficient-data'].includes(m.explanation.class)).map((m) => m.code),
    ),
  };

  // Risk factors of the lens: every indicator of the lens is among a region's contributions, observed or not.
  const groups = new Map<string, { label: string; observedIn: string[] }>();
  for (const m of members)
    for (const c of m.explanation.contributions) {
      const entry = groups.get(c.group) ?? { label: groupLabels.get(c.group) ?? c.group, observedIn: [] };
      if (c.observed && !entry.observedIn.includes(m.code)) entry.observedIn.push(m.code);
      groups.set(c.group, entry);
    }
  const riskFactors = [...groups]
    .map(([group, g]) => ({
      group,
      label: g.label,
      observedShare: share(g.observedIn),
      missingIn: members.filter((m) => !g.observedIn.includes(m.code)).map((m) => m.code),
    }))
    .sort((a, b) => a.observedShare - b.observedShare || a.label.localeCompare(b.label));
  const dated = members.flatMap((m) =>
    m.explanation.contributions
      .filter((c) => c.observed && c.points > 0 && (c.ageMonths ?? 0) >= DATED_MONTHS)
      .map((c) => ({ region: m.code, label: c.label, observedPeriod: c.observedPeriod, ageMonths: c.ageMonths })),
  );

  const gaps: MonitoringGap[] = [];
  const names = (codes: readonly string[]) =>
    listIn(
      lang,
      codes.map((c) => members.find((m) => m.code === c)?.name ?? c),
    );
  if (noEvidence.length)
    gaps.push({
      kind: 'no-evidence',
      text: msg(lang, 'area.gap.noEvidence', {
        regions: names(noEvidence),
        percent: percentIn(lang, share(noEvidence)),
      }),
      regions: noEvidence,
      share: share(noEvidence),
    });
  if (countryOnly.length)
    gaps.push({
      kind: 'country-only',
      text: msg(lang, 'area.gap.countryOnly', { regions: names(countryOnly) }),
      regions: countryOnly,
      share: share(countryOnly),
    });
  // One gap for every risk factor with no evidence anywhere: a list a deployment works through, not one line each.
  const unseen = riskFactors.filter((r) => r.observedShare === 0);
  if (unseen.length)
    gaps.push({
      kind: 'risk-factor',
      text: msg(lang, 'area.gap.riskFactor', {
        missing: unseen.length,
        total: riskFactors.length,
        factors: unseen.map((f) => f.label).join(msg(lang, 'export.listSeparator')),
      }),
      regions: members.map((m) => m.code),
      share: 1,
    });
  if (lens === 'tip') {
    const noSign = withData.filter((m) => m.explanation.evidence.signs === 0).map((m) => m.code);
    if (noSign.length)
      gaps.push({
        kind: 'no-direct-sign',
        text: msg(lang, 'area.gap.noDirectSign', { regions: names(noSign) }),
        regions: noSign,
        share: share(noSign),
      });
  }
  const singleSource = withData.filter((m) => m.explanation.evidence.sources < 2).map((m) => m.code);
  if (singleSource.length)
    gaps.push({
      kind: 'single-source',
      text: msg(lang, 'area.gap.singleSource', { regions: names(singleSource) }),
      regions: singleSource,
      share: share(singleSource),
    });
  const datedRegions = [...new Set(dated.map((d) => d.region))];
  if (datedRegions.length)
    gaps.push({
      kind: 'dated',
      text: msg(lang, 'area.gap.dated', { months: DATED_MONTHS, regions: names(datedRegions) }),
      regions: datedRegions,
      share: share(datedRegions),
    });
  gaps.sort((a, b) => b.share - a.share);

  return {
    forms,
    formsBasisShare: round(formBasis),
    drivers: driverList,
    coverage,
    dataGaps: {
      riskFactors,
      dated,
      countryOnly,
      noEvidence,
    },
    monitoringGaps: gaps,
    sources: [...citations]
      .map(([citation, locators]) => ({ citation, locators: [...locators].sort() }))
      .sort((a, b) => a.citation.localeCompare(b.citation)),
  };
}
