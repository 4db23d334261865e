import type { ReactNode } from 'react';
import { ageFactor, apportion, LENSES, MODEL_CONFIG, normalise, RELEVANCES } from '../../../indicators/index.ts';
import type { Measurement } from '../../../indicators/index.ts';
import { CLASS_COLORS, CLASS_LABELS, asClass } from '../../charts/risk-colors.ts';
import { t, tOr, tRich, type MessageId } from '../../i18n/messages.ts';
import { fmtLongPeriod, fmtNumber, fmtPeriod } from '../../lib/format.ts';
import { navigate } from '../../lib/router.ts';
import { LENS_LABELS } from '../../lib/view-state.ts';
import { EXAMPLE_INDICATORS, workedExample } from './worked-example.ts';

const C = MODEL_CONFIG;
const E = C.evidence;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * A paragraph of the methodology from the catalogues, with its markup: `<strong>`, `<em>`, `<sup>`,
 * `<code>`, `<f>` (a formula, kept left to right inside Arabic text) and `<a>` (the validation page).
 * Numbers are passed as numbers, so each language writes them its own way (`0,5` in French).
 */
export function prose(id: MessageId, values: Record<string, ReactNode> = {}): ReactNode {
  return tRich(id, {
    ...values,
    strong: (c) => <strong>{c}</strong>,
    em: (c) => <em>{c}</em>,
    sup: (c) => <sup>{c}</sup>,
    code: (c) => <code>{c}</code>,
    f: (c) => <bdi dir="ltr">{c}</bdi>,
    a: (c) => (
      <a
        href="/validation"
        onClick={(e) => {
          e.preventDefault();
          navigate('/validation');
        }}
      >
        {c}
      </a>
    ),
  });
}

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
  const m = C.tipRelevanceMultiplier;
  const multipliers = RELEVANCES.map((r) =>
    t('methodology.times', { name: t(`methodology.relevance.${r}`), value: m[r] }),
  ).join(t('methodology.listSeparator'));
  return (
    <Section id="lenses" title={t('methodology.lenses.title')}>
      <p>{t('methodology.lenses.intro')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('methodology.lenses.lens')}</th>
            <th>{t('methodology.lenses.scores')}</th>
          </tr>
        </thead>
        <tbody>
          {LENSES.map((l) => (
            <tr key={l}>
              <td>{LENS_LABELS[l]}</td>
              <td>
                {l === 'overall' && t('methodology.lenses.overall')}
                {l === 'tip' && t('methodology.lenses.tip', { multipliers, ratio: m.direct / m.indirect })}
                {l !== 'overall' && l !== 'tip' && t('methodology.lenses.framework', { lens: LENS_LABELS[l] })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const MEASURES: { m: Measurement; id: 'severity' | 'count' | 'rate' | 'binary'; values: number[] }[] = [
  { m: { kind: 'severity', max: 4 }, id: 'severity', values: [0, 1, 2, 3, 4] },
  { m: { kind: 'count', saturation: 100, unit: 'events' }, id: 'count', values: [1, 5, 10, 44, 100] },
  { m: { kind: 'rate', saturation: 25, unit: '%' }, id: 'rate', values: [1, 5, 10, 20, 25] },
  { m: { kind: 'binary' }, id: 'binary', values: [0, 1] },
];

/** How raw values of each measurement are put on 0..1 (computed with the model's own function). */
export function NormalisationSection() {
  return (
    <Section id="normalisation" title={t('methodology.normalisation.title')}>
      <p>{t('methodology.normalisation.intro')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('methodology.normalisation.measurement')}</th>
            <th>{t('methodology.normalisation.rule')}</th>
            <th>{t('methodology.normalisation.examples')}</th>
          </tr>
        </thead>
        <tbody>
          {MEASURES.map(({ m, id, values }) => (
            <tr key={id}>
              <td>{t(`methodology.measure.${id}`)}</td>
              <td>
                <bdi dir="ltr">{t(`methodology.measure.${id}Rule`)}</bdi>
              </td>
              <td>
                {values
                  .map((v) =>
                    t('methodology.mapsTo', { raw: fmtNumber(v), value: fmtNumber(round(normalise(m, v), 2)) }),
                  )
                  .join(' · ')}
              </td>
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
    <Section id="ageing" title={t('methodology.ageing.title')}>
      <p>{prose('methodology.ageing.intro')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('methodology.ageing.persistence')}</th>
            {AGES.map((a) => (
              <th key={a}>
                {a === 0 ? t('methodology.ageing.sameMonth') : t('methodology.ageing.after', { months: a })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PERSISTENCE.map((p) => (
            <tr key={p}>
              <td>{t('methodology.ageing.months', { months: p })}</td>
              {AGES.map((a) => (
                <td key={a}>{ageFactor(a, p) === 0 ? '—' : fmtNumber(round(ageFactor(a, p), 2))}</td>
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
  const ids = new Set(EXAMPLE_INDICATORS.map((i) => i.id));
  const label = (id: string) =>
    tOr(`methodology.example.label.${id}`, EXAMPLE_INDICATORS.find((i) => i.id === id)?.label ?? id);
  const group = (id: string, english: string) =>
    ids.has(id) ? tOr(`methodology.example.group.${id}`, english) : english;
  const shown = apportion(
    s.contributions.map((c) => c.points),
    2,
  );
  return (
    <Section id="aggregation" title={t('methodology.aggregation.title')}>
      <p>
        {prose('methodology.aggregation.hazard', {
          hazard: E.hazardPerWeight,
          high: E.confidenceFactor.high,
          medium: E.confidenceFactor.medium,
          low: E.confidenceFactor.low,
        })}
      </p>
      <ol>
        <li>
          {prose('methodology.aggregation.perSource', {
            cap: E.sourceCap,
            max: round(10 * (1 - Math.exp(-E.sourceCap)), 2),
          })}
        </li>
        <li>{prose('methodology.aggregation.across')}</li>
        <li>{prose('methodology.aggregation.absence', { cap: E.absenceCap })}</li>
      </ol>
      <p>{prose('methodology.aggregation.points')}</p>
      <h3>{t('methodology.example.title')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('methodology.example.indicator')}</th>
            <th>{t('methodology.example.group')}</th>
            <th>{t('methodology.example.weight')}</th>
            <th>{t('methodology.example.observed')}</th>
            <th>{t('methodology.example.ageFactor')}</th>
            <th>{t('methodology.example.value')}</th>
            <th>{t('methodology.example.points')}</th>
          </tr>
        </thead>
        <tbody>
          {s.contributions.map((c, i) => (
            <tr key={c.indicatorId}>
              <td>{label(c.indicatorId)}</td>
              <td>{group(c.indicatorId, c.group)}</td>
              <td>{fmtNumber(c.weight)}</td>
              <td>
                {c.observed
                  ? c.inherited
                    ? t('methodology.example.wholeCountry', { period: fmtPeriod(c.observedPeriod) })
                    : fmtPeriod(c.observedPeriod)
                  : t('methodology.example.notObserved')}
              </td>
              <td>{c.ageFactor === null ? '—' : fmtNumber(round(c.ageFactor, 3))}</td>
              <td>{c.value === null ? '—' : fmtNumber(round(c.value, 2))}</td>
              <td>{fmtNumber(shown[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={6}>
              {t('methodology.example.total', {
                period: fmtLongPeriod('2015-04'),
                cls: CLASS_LABELS[asClass(s.class)].toLowerCase(),
              })}
            </td>
            <td>{fmtNumber(round(s.score ?? 0, 2))}</td>
          </tr>
        </tfoot>
      </table>
      <p className="note">{t('methodology.example.note', { pct: Math.round(s.coverage * 100) })}</p>
    </Section>
  );
}

/** Missing data, coverage, the evidence rule for a class, and the confidence grade. */
export function EvidenceSection() {
  return (
    <Section id="evidence" title={t('methodology.evidence.title')}>
      <p>{prose('methodology.evidence.missing')}</p>
      <p>
        {prose('methodology.evidence.class', {
          min: E.minSources,
          insufficient: CLASS_LABELS['insufficient-data'].toLowerCase(),
        })}
      </p>
      <p>
        {prose('methodology.evidence.confidence', {
          covMedium: round(E.confidenceCoverage.medium * 100, 2),
          covHigh: round(E.confidenceCoverage.high * 100, 2),
          srcMedium: E.confidenceSources.medium,
          srcHigh: E.confidenceSources.high,
          stale: Math.round((1 - C.staleAgeFactor) * 100),
          inherited: Math.round(C.inheritedShareLimit * 100),
          small: C.smallCountThreshold,
        })}
      </p>
    </Section>
  );
}

/** The trafficking lens's split between signs and conditions, and its ceiling. */
export function SignsSection() {
  return (
    <Section id="signs" title={t('methodology.signs.title')}>
      <p>{prose('methodology.signs.text', { ceiling: E.conditionsCeiling })}</p>
    </Section>
  );
}

/** The risk classes and their thresholds, with the map's colours. */
export function ClassSection() {
  const th = C.classThresholds;
  return (
    <Section id="classes" title={t('methodology.classes.title')}>
      <table className="classes">
        <thead>
          <tr>
            <th>{t('methodology.classes.class')}</th>
            <th>{t('methodology.classes.score')}</th>
          </tr>
        </thead>
        <tbody>
          {th.map((c, i) => (
            <tr key={c.class}>
              <td>
                <span className="swatch" style={{ background: CLASS_COLORS[c.class] }} /> {CLASS_LABELS[c.class]}
              </td>
              <td>
                {i + 1 < th.length
                  ? t('methodology.classes.range', { min: c.min, next: th[i + 1]!.min })
                  : t('methodology.classes.top', { min: c.min })}
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <span className="swatch" style={{ background: CLASS_COLORS['insufficient-data'] }} />{' '}
              {CLASS_LABELS['insufficient-data']}
            </td>
            <td>{t('methodology.classes.insufficient')}</td>
          </tr>
          <tr>
            <td>
              <span className="swatch swatch-empty" style={{ background: CLASS_COLORS['no-data'] }} />{' '}
              {CLASS_LABELS['no-data']}
            </td>
            <td>{t('methodology.classes.noData')}</td>
          </tr>
        </tbody>
      </table>
    </Section>
  );
}
