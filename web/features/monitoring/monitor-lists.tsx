import { useState } from 'react';
import type { Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtChange, fmtPct, fmtPeriod, fmtScore } from '../../lib/format.ts';
import type { AlertRow } from '../../queries/alerts.ts';
import type { CoverageGap, Move } from './monitoring.ts';
import { RegionLink } from './region-link.tsx';
import { t, translated } from '../../i18n/messages.ts';

const KIND_LABEL: Readonly<Record<string, string>> = translated(
  ['class-up', 'sharp-rise', 'new-direct-indicator'] as const,
  (k) => `alert.kind.${k}`,
);

/** Human label of an alert kind. */
export function alertKindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Alerts grouped by region, in the order of each region's first alert. */
export function groupAlerts(alerts: readonly AlertRow[]): {
  region: string;
  name: string;
  score: number | null;
  previousScore: number | null;
  items: AlertRow[];
}[] {
  const groups = new Map<
    string,
    {
      region: string;
      name: string;
      score: number | null;
      previousScore: number | null;
      items: AlertRow[];
    }
  >();
  for (const a of alerts) {
    const g = groups.get(a.region);
    if (g) g.items.push(a);
    else
      groups.set(a.region, {
        region: a.region,
        name: a.name,
        score: a.score,
        previousScore: a.previousScore,
        items: [a],
      });
  }
  return [...groups.values()];
}

/** Active alerts of a month, one entry per region with each alert's kind and reason, highest score first. */
export function AlertList({
  alerts,
  period,
  lens,
  scenario,
}: {
  alerts: readonly AlertRow[];
  period: string;
  lens: Lens;
  scenario: string;
}) {
  if (alerts.length === 0) return <p className="empty">{t('monitor.noAlert', { period: fmtPeriod(period) })}</p>;
  return (
    <ul className="alerts" aria-label={t('monitor.activeAlerts')}>
      {groupAlerts(alerts).map((g) => (
        <li key={g.region} data-region={g.region}>
          <div className="alert-head">
            <RegionLink code={g.region} period={period} lens={lens} scenario={scenario}>
              <strong>{g.name}</strong>
            </RegionLink>
            <span className="scores" title={t('monitor.scoresTitle')}>
              {t('monitor.fromTo', { from: fmtScore(g.previousScore), to: fmtScore(g.score) })}
            </span>
          </div>
          <ul className="alert-items">
            {g.items.map((a, i) => (
              <li key={`${a.kind}-${i}`}>
                <span className={`kind kind-${a.kind}`}>{alertKindLabel(a.kind)}</span>{' '}
                <span className="reason-inline">{a.reason}</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** A region's country, for entries that stand for one country-level record. */
export type CountryOf = (region: string) => { code: string; name: string } | undefined;

/**
 * The name cell of an entry: the region; or, for regions of one country that moved alike from one
 * country-level record (folded into one entry), the country itself, never one of its provinces.
 */
function EntryName({
  region,
  name,
  alike,
  countryOf,
  period,
  lens,
  scenario,
}: {
  region: string;
  name: string;
  alike: number;
  countryOf: CountryOf;
  period: string;
  lens: Lens;
  scenario: string;
}) {
  const country = alike > 0 ? countryOf(region) : undefined;
  if (!country)
    return (
      <RegionLink code={region} period={period} lens={lens} scenario={scenario}>
        {name}
      </RegionLink>
    );
  return (
    <>
      <RegionLink code={country.code} period={period} lens={lens} scenario={scenario}>
        {t('monitor.countryRecord', { name: country.name })}
      </RegionLink>
      <span className="reason alike">{t('monitor.alike', { count: alike + 1 })}</span>
    </>
  );
}

/** Risers or fallers with their change, new score and top driver. */
export function MoveList({
  moves,
  period,
  lens,
  scenario,
  kind,
  countryOf,
}: {
  moves: readonly Move[];
  period: string;
  lens: Lens;
  scenario: string;
  kind: 'risers' | 'fallers';
  countryOf: CountryOf;
}) {
  if (moves.length === 0)
    return <p className="empty">{kind === 'risers' ? t('monitor.noneRose') : t('monitor.noneFell')}</p>;
  return (
    <table className="moves">
      <thead>
        <tr>
          <th scope="col">{t('region.search')}</th>
          <th scope="col" className="num">
            {t('profile.change')}
          </th>
          <th scope="col" className="num">
            {t('monitor.now')}
          </th>
        </tr>
      </thead>
      <tbody>
        {moves.map((m) => (
          <tr key={m.region} data-region={m.alike > 0 ? (countryOf(m.region)?.code ?? m.region) : m.region}>
            <td>
              <EntryName {...m} countryOf={countryOf} period={period} lens={lens} scenario={scenario} />
              {m.reason && <span className="reason">{m.reason}</span>}
            </td>
            <td className={`num ${m.delta > 0 ? 'up' : 'down'}`}>{fmtChange(m.delta)}</td>
            <td className="num">
              <span
                className="swatch"
                style={{ background: CLASS_COLORS[asClass(m.class)] }}
                title={CLASS_LABELS[asClass(m.class)]}
              />{' '}
              {fmtScore(m.now)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Gaps listed before "Show all". */
const GAPS_SHOWN = 12;

const GAP_TEXT: Readonly<Record<CoverageGap['status'], string>> = translated(
  ['missing', 'insufficient', 'thinning'] as const,
  (s) => `monitor.gap.${s}`,
);

/** Regions whose data went stale or missing, with when they last had a class. */
export function GapList({
  gaps,
  period,
  lens,
  scenario,
  countryOf,
}: {
  gaps: readonly CoverageGap[];
  period: string;
  lens: Lens;
  scenario: string;
  countryOf: CountryOf;
}) {
  const [all, setAll] = useState(false);
  if (gaps.length === 0) return <p className="empty">{t('monitor.noGaps')}</p>;
  return (
    <>
      <table className="gaps">
        <thead>
          <tr>
            <th scope="col">{t('region.search')}</th>
            <th scope="col">{t('monitor.gap')}</th>
            <th scope="col">{t('monitor.lastClassed')}</th>
          </tr>
        </thead>
        <tbody>
          {(all ? gaps : gaps.slice(0, GAPS_SHOWN)).map((g) => (
            <tr key={g.region} data-region={g.alike > 0 ? (countryOf(g.region)?.code ?? g.region) : g.region}>
              <td>
                <EntryName {...g} countryOf={countryOf} period={period} lens={lens} scenario={scenario} />
              </td>
              <td>
                {GAP_TEXT[g.status]}
                <span className="muted small">
                  {' '}
                  ·{' '}
                  {t('monitor.coverageFromTo', {
                    fromTo: t('monitor.fromTo', { from: fmtPct(g.coverageBefore), to: fmtPct(g.coverageNow) }),
                  })}
                </span>
              </td>
              <td>
                {fmtPeriod(g.lastClassed)}{' '}
                <span className="muted small">{t('monitor.at', { score: fmtScore(g.scoreBefore) })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {gaps.length > GAPS_SHOWN && (
        <button type="button" className="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('monitor.showFewer') : t('monitor.showAll', { count: gaps.length })}
        </button>
      )}
    </>
  );
}
