import type { ReactNode } from 'react';
import { ageFactor, apportion, LENSES, MODEL_CONFIG, normalise, RELEVANCES } from '../../../indicators/index.ts';
import type { Measurement } from '../../../indicators/index.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { LENS_LABELS } from '../../lib/view-state.ts';
import { EXAMPLE_INDICATORS, workedExample } from './worked-example.ts';

const C = MODEL_CONFIG;
const E = C.evidence;
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
    <Section id="aggregation" title="From evidence to a score (method v2, the default)">
      <p>
        Every counted reading is a piece of evidence with a <strong>hazard</strong>: {E.hazardPerWeight} × the
        indicator&apos;s weight in the lens × its age factor × a confidence factor ({E.confidenceFactor.high} for high,{' '}
        {E.confidenceFactor.medium} for medium, {E.confidenceFactor.low} for low) × its value on the 0–1 scale. Evidence
        accumulates: a new reading above zero can raise a score, never lower it.
      </p>
      <ol>
        <li>
          <strong>Per independent source.</strong> The hazards of one source (one import feed such as UCDP, or one cited
          document) are added and then saturate below {E.sourceCap}: a source brings {E.sourceCap} × tanh(its sum ÷{' '}
          {E.sourceCap}). Twenty indicators derived from the same event feed therefore weigh little more than three, and
          one source alone stays below {n2(10 * (1 - Math.exp(-E.sourceCap)))}, under &ldquo;high&rdquo;.
        </li>
        <li>
          <strong>Across sources.</strong> The score is 10 × (1 − e<sup>−H</sup>), H being the sum over sources. With no
          evidence it is 0, the prior; each independent source moves it towards 10 without reaching it, so thin evidence
          cannot reach the top classes.
        </li>
        <li>
          <strong>Looked for, not found.</strong> A reading of 0 says a sign was monitored and not found. It lowers the
          score (multiplied by e<sup>−A</sup>, the absences saturating per source below {E.absenceCap}): that is how
          monitoring clears an area.
        </li>
      </ol>
      <p>
        Each indicator&apos;s <em>points</em> are its share of the evidence after its source&apos;s cap, so the points
        of a score add up to the score exactly; the region explanation lists them with the sources, the prior, the
        absences and any ceiling. The earlier method, a weighted mean of whatever was observed (v1), stays available for
        comparison (<code>?method=v1</code> and the <a href="/validation">validation page</a>), not as the default: a
        mean let a new risk sign lower a score and let sparse extreme reports outrank thorough monitoring.
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
  return (
    <Section id="evidence" title="Missing data, corroboration and confidence">
      <p>
        Missing is not zero. An indicator nobody assessed adds no evidence and takes none away. What it lowers is{' '}
        <strong>coverage</strong>: the share of the lens&apos;s total weight that was observed (after ageing), shown
        with every score. &ldquo;Looked for, not found&rdquo; is an observation and counts as coverage.
      </p>
      <p>
        A score gets a risk class only when at least <strong>{E.minSources} independent sources</strong> support it, at
        least one of them recorded for the region itself; otherwise it is shown as{' '}
        <em>{CLASS_LABELS['insufficient-data'].toLowerCase()}</em> and keeps its number for the record. Sources are
        counted, not indicators or groups, so that several indicators derived from one conflict-event feed never pass
        for corroboration.
      </p>
      <p>
        The <strong>confidence</strong> grade is the lowest of three: coverage (medium from{' '}
        {E.confidenceCoverage.medium * 100} %, high from {E.confidenceCoverage.high * 100} % of the lens&apos;s weight),
        independent sources (medium from {E.confidenceSources.medium}, high from {E.confidenceSources.high}) and the
        analysts&apos; own confidence in the observations. It drops one step more when the evidence has lost more than{' '}
        {Math.round((1 - C.staleAgeFactor) * 100)} % of its weight to ageing, and one step when more than{' '}
        {Math.round(C.inheritedShareLimit * 100)} % of it was recorded for the country as a whole. A score on a few per
        cent of coverage is always &ldquo;low&rdquo;. Counts of evidence (indicators, groups, sources) are shown as they
        are; only counts of people below {C.smallCountThreshold} are hidden.
      </p>
    </Section>
  );
}

/** The trafficking lens's split between signs and conditions, and its ceiling. */
export function SignsSection() {
  return (
    <Section id="signs" title="Signs and conditions (trafficking lens)">
      <p>
        In the trafficking lens, indicators flagged <strong>direct</strong> are <em>signs</em>: trafficking or
        exploitation observed. Indicators flagged <strong>indirect</strong> are <em>conditions</em>: drivers that make
        it more likely, such as conflict intensity, displacement or a collapse of the rule of law (UNODC 2018 asks for
        this split when it flags the three frameworks&apos; indicators). Conditions alone never make &ldquo;high&rdquo;
        or &ldquo;very high&rdquo;: without a direct sign recorded for the region itself the score stops at{' '}
        {E.conditionsCeiling}, and the map, its legend, the tooltip and every export draw the region hatched as{' '}
        <em>conditions only</em>. A ceiling rather than a separate class keeps one ordered scale, and the hatching says
        what the number rests on. The overall lens, each framework&apos;s lens and the weighting scenarios keep their
        own meaning: evidence of risk in that framework, without the ceiling.
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
