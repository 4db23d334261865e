import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MODEL_CONFIG, SCENARIOS } from '../../../indicators/index.ts';
import type { Scenario } from '../../../indicators/index.ts';
import { navigate } from '../../lib/router.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { QueryStatus } from '../common/status.tsx';
import { scenarioQueries } from '../../queries/scenarios.ts';
import { Section } from './scoring-sections.tsx';

const C = MODEL_CONFIG;

function multiplierList(s: Scenario): string[] {
  const m = s.multipliers;
  const out: string[] = [];
  const add = (what: string, rec: Readonly<Record<string, number | undefined>> | undefined) => {
    for (const [k, v] of Object.entries(rec ?? {})) if (v !== undefined) out.push(`${what} ${k}: × ${v}`);
  };
  add('relevance', m.relevance);
  add('framework', m.frameworks);
  add('group', m.groups);
  add('form', m.forms);
  add('indicator', m.indicators);
  for (const [k, v] of Object.entries(s.weights ?? {})) out.push(`indicator ${k}: weight ${v}`);
  return out;
}

/** The bundled weighting scenarios, printed from their data files. */
export function ScenarioSection() {
  return (
    <Section id="scenarios" title="Weighting scenarios">
      <p>
        Weights are data. Each indicator has a default weight in the catalogue; a scenario multiplies those weights by
        relevance, framework, group, exploitation form (a form&apos;s multiplier also reaches every form below it, and
        an indicator signalling several forms takes the largest) and indicator. Choosing a scenario re-scores the map
        with the same model; the comparison view shows which regions move and by how much. The stored map uses the
        baseline; other scenarios are computed when asked for.
      </p>
      <table>
        <thead>
          <tr>
            <th>Scenario</th>
            <th>What changes</th>
            <th>Multipliers</th>
          </tr>
        </thead>
        <tbody>
          {SCENARIOS.map((s) => (
            <tr key={s.id}>
              <td>
                <strong>{s.label}</strong>
                <br />
                <code>{s.id}</code>
              </td>
              <td>
                {s.description} <em>{s.purpose}</em>
              </td>
              <td>{multiplierList(s).join('; ') || 'none'}</td>
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
    <Section id="sensitivity" title="How much do the weights matter?">
      <p>
        Default weights are judgements. To see how much the ranking depends on them, every weight is multiplied by a
        random factor between {1 - s.spread} and {1 + s.spread} ({s.runs} runs, seeded so the result can be repeated),
        the regions are re-scored, and the ranks of the top {s.top} are compared with the unperturbed ranking. Below:
        countries, trafficking lens, on the current data.
      </p>
      <p>
        Weights are one choice among several. The{' '}
        <a
          href="/validation"
          onClick={(e) => {
            e.preventDefault();
            navigate('/validation');
          }}
        >
          validation page
        </a>{' '}
        varies the others too (aggregation, corroboration, ageing, country-level evidence) and backtests the model on
        the documented onsets of trafficking, v2 beside v1.
      </p>
      <label className="month">
        Month{' '}
        <select value={period ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={!periods.data?.length}>
          {(periods.data ?? []).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <QueryStatus query={q} what="the sensitivity analysis">
        {q.data && (
          <>
            <p>
              {q.data.period}: {q.data.regions} classed countries. On average{' '}
              {Math.round((q.data.meanTopOverlap ?? 0) * 100)} % of the top {q.data.top} stay in the top {q.data.top};
              rank correlation with the unperturbed ranking {q.data.meanSpearman ?? '—'} on average,{' '}
              {q.data.minSpearman ?? '—'} at worst.
            </p>
            <table data-testid="sensitivity-table">
              <thead>
                <tr>
                  <th>Country</th>
                  <th>Score</th>
                  <th>Rank</th>
                  <th>Median rank</th>
                  <th>Best–worst</th>
                  <th>Runs in top {q.data.top}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.topRegions.map((r) => (
                  <tr key={r.region}>
                    <td>{r.name}</td>
                    <td>{r.baseScore}</td>
                    <td>{r.baseRank}</td>
                    <td>{r.medianRank}</td>
                    <td>
                      {r.bestRank}–{r.worstRank}
                    </td>
                    <td>{Math.round((r.inTopShare ?? 0) * 100)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {q.data === null && <p className="empty">No scores yet.</p>}
      </QueryStatus>
    </Section>
  );
}

/** Where Vigil follows INFORM's composite-index practice, and where it departs and why. */
export function InformSection() {
  return (
    <Section id="inform" title="What Vigil takes from INFORM, and where it departs">
      <p>
        INFORM, the open composite index of humanitarian risk, is the reference for putting many indicators on one
        scale. Vigil follows it in three ways: values are rescaled to a common range (logarithmic for counts),
        indicators are combined with arithmetic means inside a component, and the reliability of each score is reported
        beside it. It departs in four:
      </p>
      <ul>
        <li>
          <strong>Arithmetic, not geometric, across groups.</strong> INFORM multiplies its dimensions (a geometric
          mean), so a country must be exposed, vulnerable and poorly equipped at once to score high. Vigil&apos;s groups
          are parallel lines of evidence, any of which can signal trafficking; a geometric mean would let one group
          assessed at zero veto everything, and it would need every group observed, which sparse conflict data never
          are. The arithmetic mean also keeps the explanation additive: points add up to the score.
        </li>
        <li>
          <strong>No imputation.</strong> INFORM fills gaps so every country gets a number. Vigil leaves unobserved
          indicators out, reports coverage and confidence, and withholds the class when the evidence is not
          corroborated: missing is not zero, and not an average either.
        </li>
        <li>
          <strong>Evidence ages.</strong> INFORM is recomputed from annual sources; Vigil&apos;s observations are
          monthly reports whose weight fades with each indicator&apos;s persistence.
        </li>
        <li>
          <strong>Groups speak once.</strong> A group&apos;s weight across groups is its strongest current evidence
          rather than a fixed share, so a risk factor whose many indicators were all rated does not outweigh one rated
          on its single most telling indicator.
        </li>
      </ul>
    </Section>
  );
}

/** Limits and safeguards. */
export function LimitsSection() {
  return (
    <Section id="limits" title="Limits and safeguards">
      <ul>
        <li>
          A score says how severe the observed signs are where they were observed, not how many people are affected or
          how much was looked for. Two regions with the same score can rest on very different amounts of evidence: read
          coverage and confidence with it.
        </li>
        <li>
          The bundled data are a historical illustration (documented cases from 2014–2017), not a live assessment.
        </li>
        <li>
          Vigil works on areas, never on individuals. Counts below {C.smallCountThreshold} are shown as “&lt;
          {C.smallCountThreshold}” in explanations, alerts and exports.
        </li>
      </ul>
    </Section>
  );
}
