import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MODEL_CONFIG, SCENARIOS } from '../../../indicators/index.ts';
import type { Scenario } from '../../../indicators/index.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { QueryStatus } from '../common/status.tsx';
import { scenarioQueries } from '../../queries/scenarios.ts';
import { prose, Section } from './scoring-sections.tsx';
import { t, tOr, type MessageId } from '../../i18n/messages.ts';
import { fmtNumber, fmtPeriod, fmtScore } from '../../lib/format.ts';

const C = MODEL_CONFIG;

/** A relevance's name in words; frameworks, groups, forms and indicators are named by their ids. */
const relevanceName = (k: string) => tOr(`methodology.relevance.${k}`, k);

function multiplierList(s: Scenario): string[] {
  const m = s.multipliers;
  const out: string[] = [];
  const add = (
    what: MessageId,
    rec: Readonly<Record<string, number | undefined>> | undefined,
    name = (k: string) => k,
  ) => {
    for (const [k, v] of Object.entries(rec ?? {})) if (v !== undefined) out.push(t(what, { name: name(k), value: v }));
  };
  add('methodology.mult.relevance', m.relevance, relevanceName);
  add('methodology.mult.framework', m.frameworks);
  add('methodology.mult.group', m.groups);
  add('methodology.mult.form', m.forms);
  add('methodology.mult.indicator', m.indicators);
  add('methodology.mult.weight', s.weights);
  return out;
}

/** The bundled weighting scenarios, printed from their data files. */
export function ScenarioSection() {
  return (
    <Section id="scenarios" title={t('methodology.scenarios.title')}>
      <p>{t('methodology.scenarios.text')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('methodology.scenarios.scenario')}</th>
            <th>{t('methodology.scenarios.changes')}</th>
            <th>{t('methodology.scenarios.multipliers')}</th>
          </tr>
        </thead>
        <tbody>
          {SCENARIOS.map((s) => (
            <tr key={s.id}>
              <td>
                <strong>{tOr(`scenario.${s.id}`, s.label)}</strong>
                <br />
                <code>{s.id}</code>
              </td>
              <td>
                {tOr(`methodology.scenario.${s.id}.description`, s.description)}{' '}
                <em>{tOr(`methodology.scenario.${s.id}.purpose`, s.purpose)}</em>
              </td>
              <td>{multiplierList(s).join(t('methodology.multSeparator')) || t('methodology.scenarios.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** Rank stability of the top countries under random weight changes, computed on the current data. */
export function SensitivitySection() {
  const s = C.sensitivity;
  const periods = useQuery(scoreQueries.periods());
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen ?? periods.data?.at(-1) ?? null;
  const q = useQuery({
    ...scenarioQueries.sensitivity(period ?? '', 'tip', 0),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
  return (
    <Section id="sensitivity" title={t('methodology.sensitivity.title')}>
      <p>
        {t('methodology.sensitivity.method', {
          low: Math.round((1 - s.spread) * 100) / 100,
          high: Math.round((1 + s.spread) * 100) / 100,
          runs: s.runs,
          top: s.top,
        })}
      </p>
      <p>{prose('methodology.sensitivity.others')}</p>
      <label className="month">
        {t('month.label')}{' '}
        <select value={period ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={!periods.data?.length}>
          {(periods.data ?? []).map((p) => (
            <option key={p} value={p}>
              {fmtPeriod(p)}
            </option>
          ))}
        </select>
      </label>
      <QueryStatus query={q} what={t('methodology.sensitivity.what')}>
        {q.data && (
          <>
            <p>
              {t('methodology.sensitivity.result', {
                period: fmtPeriod(q.data.period),
                regions: q.data.regions,
                overlap: Math.round((q.data.meanTopOverlap ?? 0) * 100),
                top: q.data.top,
                mean: q.data.meanSpearman === null ? '—' : fmtNumber(q.data.meanSpearman),
                worst: q.data.minSpearman === null ? '—' : fmtNumber(q.data.minSpearman),
              })}
            </p>
            <table data-testid="sensitivity-table">
              <thead>
                <tr>
                  <th>{t('methodology.sensitivity.country')}</th>
                  <th>{t('methodology.classes.score')}</th>
                  <th>{t('methodology.sensitivity.rank')}</th>
                  <th>{t('methodology.sensitivity.median')}</th>
                  <th>{t('methodology.sensitivity.range')}</th>
                  <th>{t('methodology.sensitivity.inTop', { top: q.data.top })}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.topRegions.map((r) => (
                  <tr key={r.region}>
                    <td>{r.name}</td>
                    <td>{fmtScore(r.baseScore)}</td>
                    <td>{r.baseRank}</td>
                    <td>{r.medianRank}</td>
                    <td>
                      {r.bestRank}–{r.worstRank}
                    </td>
                    <td>{t('methodology.sensitivity.pct', { pct: Math.round((r.inTopShare ?? 0) * 100) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {q.data === null && <p className="empty">{t('methodology.sensitivity.none')}</p>}
      </QueryStatus>
    </Section>
  );
}

/** Where Vigil follows INFORM's composite-index practice, and where it departs and why. */
export function InformSection() {
  return (
    <Section id="inform" title={t('methodology.inform.title')}>
      <p>{t('methodology.inform.intro')}</p>
      <ul>
        <li>{prose('methodology.inform.arithmetic')}</li>
        <li>{prose('methodology.inform.imputation')}</li>
        <li>{prose('methodology.inform.ageing')}</li>
        <li>{prose('methodology.inform.groups')}</li>
      </ul>
    </Section>
  );
}

/** Limits and safeguards. */
export function LimitsSection() {
  const small = C.smallCountThreshold;
  return (
    <Section id="limits" title={t('methodology.limits.title')}>
      <ul>
        <li>{t('methodology.limits.severity')}</li>
        <li>{t('methodology.limits.illustration')}</li>
        <li>{t('methodology.limits.areas', { small, shown: `<${small}` })}</li>
      </ul>
    </Section>
  );
}
