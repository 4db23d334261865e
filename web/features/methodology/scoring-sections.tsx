import type { ReactNode } from 'react';
import type { Measurement } from '../../../indicators/types.ts';
import { LENSES, RELEVANCES } from '../../../indicators/vocabulary.ts';
import { MODEL_CONFIG } from '../../../indicators/model/config.ts';
import { normalise } from '../../../indicators/model/normalise.ts';
import { apportion } from '../../../indicators/model/round.ts';
import { ageFactor } from '../../../indicators/model/score.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { LENS_LABELS } from '../../lib/view-state.ts';
import { EXAMPLE_INDICATORS, workedExample } from './worked-example.ts';

const C = MODEL_CONFIG;
const n2 = (x: number) => (Math.round(x * 100) / 100).toString();
const n3 = (x: number) => (Math.round(x * 1000) / 1000).toString();

/** A numbered section of the methodology with an anchor. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/** Which indicators each lens scores, with the trafficking lens's relevance multipliers. */
export function LensSection() {
  return (
    <Section id="lenses" title="Lenses">
      <p>
        A lens decides which indicators feed a score. Every lens is scored the same way; only the set of indicators and
        their weights differ.
      </p>
      <table>
        <thead>
          <tr>
            <th>Lens</th>
            <th>Indicators it scores</th>
          </tr>
        </thead>
        <tbody>
          {LENSES.map((l) => (
            <tr key={l}>
              <td>{LENS_LABELS[l]}</td>
              <td>
                {l === 'overall' && 'Every indicator of the catalogue at its weight.'}
                {l === 'tip' &&
                  `Every indicator flagged as relevant to trafficking, from all four frameworks: ${RELEVANCES.map((r) => `${r} × ${C.tipRelevanceMultiplier[r]}`).join(', ')} (so direct signs count ${C.tipRelevanceMultiplier.direct / C.tipRelevanceMultiplier.indirect} times as much as indirect ones, and indicators with no link to trafficking are left out).`}
                {l !== 'overall' && l !== 'tip' && `The ${LENS_LABELS[l]}'s own indicators at their weights.`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const MEASURES: { m: Measurement; label: string; rule: string; values: number[] }[] = [
  { m: { kind: 'severity', max: 4 }, label: 'Ordinal severity 0–4', rule: 'value ÷ 4', values: [0, 1, 2, 3, 4] },
  {
    m: { kind: 'count', saturation: 100, unit: 'events' },
    label: 'Count (saturating at 100)',
    rule: 'log(1 + value) ÷ log(1 + 100), capped at 1',
    values: [1, 5, 10, 44, 100],
  },
  {
    m: { kind: 'rate', saturation: 25, unit: '%' },
    label: 'Rate (saturating at 25 %)',
    rule: 'value ÷ 25, capped at 1',
    values: [1, 5, 10, 20, 25],
  },
  { m: { kind: 'binary' }, label: 'Yes / no', rule: '1 if present, 0 if absent', values: [0, 1] },
];

/** How raw values of each measurement are put on 0..1 (computed with the model's own function). */
export function NormalisationSection() {
  return (
    <Section id="normalisation" title="Putting measurements on one scale">
      <p>
        Indicators are measured in different ways. Before anything is averaged, each observed value is put on a scale
        from 0 (no sign) to 1 (the strongest sign the indicator can show). Counts use a logarithmic scale, as composite
        indices such as INFORM do, so that the first reported cases move the value most and one very large figure does
        not swamp everything else; each count indicator has its own saturation point in the catalogue.
      </p>
      <table>
        <thead>
          <tr>
            <th>Measurement</th>
            <th>Rule</th>
            <th>Examples (raw → 0..1)</th>
          </tr>
        </thead>
        <tbody>
          {MEASURES.map(({ m, label, rule, values }) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{rule}</td>
              <td>{values.map((v) => `${v} → ${n2(normalise(m, v))}`).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const PERSISTENCE = [3, 6, 12, 24];
const AGES = [0, 1, 2, 3, 6, 12, 24];

/** How an observation's weight fades month by month (computed with the model's own function). */
export function AgeingSection() {
  return (
    <Section id="ageing" title="Ageing of observations">
      <p>
        An observation speaks for the month it describes and, with fading weight, for the months after it, up to its
        indicator&apos;s persistence (set per indicator in the catalogue: a month-long flare-up fades fast,
        discriminatory laws stay relevant for years). Its weight is multiplied by an age factor of 1 − age ÷
        (persistence + 1), and it drops out once it is older than its persistence. Ageing lowers how much an observation
        counts against fresher ones, and lowers coverage and confidence; it does not lower the severity it reported,
        because an old report is less informative, not a sign of lower risk. When a newer observation of the same
        indicator exists, only the newest counts. Corrected (superseded) and retracted observations never reach the
        model.
      </p>
      <table>
        <thead>
          <tr>
            <th>Persistence</th>
            {AGES.map((a) => (
              <th key={a}>{a === 0 ? 'Same month' : `+${a} mo`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PERSISTENCE.map((p) => (
            <tr key={p}>
              <td>{p} months</td>
              {AGES.map((a) => (
                <td key={a}>{ageFactor(a, p) === 0 ? '—' : n2(ageFactor(a, p))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** The two-level mean with a worked example scored by the model itself. */
export function AggregationSection() {
  const s = workedExample();
  const labels = new Map(EXAMPLE_INDICATORS.map((i) => [i.id, i]));
  const shown = apportion(
    s.contributions.map((c) => c.points),
    2,
  );
  return (
    <Section id="aggregation" title="From indicators to a score">
      <p>Scores are built in two steps, both weighted arithmetic means, and only over what was observed:</p>
      <ol>
        <li>
          <strong>Within a group</strong> (a risk factor of the Atrocity Framework, a signal area of the CRSV matrix, an
          OSCE dimension, a group of trafficking signs): the mean of its observed indicators&apos; values, each weighted
          by its weight × age factor.
        </li>
        <li>
          <strong>Across groups</strong>: the mean of the group values, each group weighted by its weightiest current
          evidence (the largest weight × age factor among its observed indicators). A risk factor thus speaks once,
          however many of its indicators were rated, and as loudly as its strongest fresh evidence.
        </li>
      </ol>
      <p>
        The result, times 10, is the score (0–10). Each indicator&apos;s <em>points</em> are its exact share of that
        mean, so the points of a score always add up to the score: that is what the region explanation lists.
      </p>
      <h3>Worked example (computed live by the model)</h3>
      <table>
        <thead>
          <tr>
            <th>Indicator</th>
            <th>Group</th>
            <th>Weight</th>
            <th>Observed</th>
            <th>Age factor</th>
            <th>Value</th>
            <th>Points</th>
          </tr>
        </thead>
        <tbody>
          {s.contributions.map((c, i) => (
            <tr key={c.indicatorId}>
              <td>{labels.get(c.indicatorId)?.label}</td>
              <td>{c.group}</td>
              <td>{c.weight}</td>
              <td>{c.observed ? `${c.observedPeriod}${c.inherited ? ' (whole country)' : ''}` : 'not observed'}</td>
              <td>{c.ageFactor === null ? '—' : n3(c.ageFactor)}</td>
              <td>{c.value === null ? '—' : n2(c.value)}</td>
              <td>{shown[i]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={6}>Score for April 2015 (overall lens): {s.class.replace('-', ' ')}</td>
            <td>{n2(s.score ?? 0)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="note">
        The unobserved indicator adds no points and does not pull the score down; it lowers coverage to{' '}
        {Math.round(s.coverage * 100)} % of the lens&apos;s weight.
      </p>
    </Section>
  );
}

/** Missing data, coverage, the evidence rule for a class, and the confidence grade. */
export function EvidenceSection() {
  const { minGroups, minIndicators } = C.sufficiency;
  return (
    <Section id="evidence" title="Missing data, coverage and confidence">
      <p>
        Missing is not zero. An indicator nobody assessed is left out of the means; it never counts as “no risk”. What
        it lowers is <strong>coverage</strong>: the share of the lens&apos;s total weight that was observed (after
        ageing), shown with every score.
      </p>
      <p>
        A score gets a risk class only when its evidence is corroborated: indicators observed in at least{' '}
        <strong>{minGroups} different groups</strong>, or at least <strong>{minIndicators} indicators</strong> in all. A
        single report never makes a class; such a score is shown as{' '}
        <em>{CLASS_LABELS['insufficient-data'].toLowerCase()}</em> (its number is kept for the record). The rule counts
        groups and indicators rather than a share of weight because the bundled historical data document only a few
        indicators per place: a share-of-weight threshold high enough to mean something would grey out every documented
        hotspot, and one low enough to keep them would let a single report through. On the bundled cases, {minGroups}{' '}
        groups or {minIndicators} indicators keeps classes for the documented hotspots (Ninewa, Raqqa, Borno, Libya,
        eastern DRC…) and greys out places known from one line of one report.
      </p>
      <p>
        The <strong>confidence</strong> grade is the lower of two grades: the analysts&apos; own confidence in the
        observations (weighted mean of low, medium, high) and the breadth of the evidence (low below{' '}
        {C.confidenceGroups.medium} groups, medium from {C.confidenceGroups.medium}, high from {C.confidenceGroups.high}
        ). It drops one step further when the evidence has lost more than {Math.round((1 - C.staleAgeFactor) * 100)} %
        of its weight to ageing, and one step when more than {Math.round(C.inheritedShareLimit * 100)} % of it was
        recorded for the country as a whole rather than for the region.
      </p>
    </Section>
  );
}

/** The risk classes and their thresholds, with the map's colours. */
export function ClassSection() {
  const t = C.classThresholds;
  return (
    <Section id="classes" title="Classes">
      <table className="classes">
        <thead>
          <tr>
            <th>Class</th>
            <th>Score</th>
          </tr>
        </thead>
        <tbody>
          {t.map((c, i) => (
            <tr key={c.class}>
              <td>
                <span className="swatch" style={{ background: CLASS_COLORS[c.class] }} /> {CLASS_LABELS[c.class]}
              </td>
              <td>{i + 1 < t.length ? `${c.min} to below ${t[i + 1]!.min}` : `${c.min} to 10`}</td>
            </tr>
          ))}
          <tr>
            <td>
              <span className="swatch" style={{ background: CLASS_COLORS['insufficient-data'] }} />{' '}
              {CLASS_LABELS['insufficient-data']}
            </td>
            <td>something observed, but not corroborated</td>
          </tr>
          <tr>
            <td>
              <span className="swatch swatch-empty" style={{ background: CLASS_COLORS['no-data'] }} />{' '}
              {CLASS_LABELS['no-data']}
            </td>
            <td>nothing observed in this lens and month</td>
          </tr>
        </tbody>
      </table>
    </Section>
  );
}
