import type { BriefDocument } from '../../queries/exports.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtChange, fmtPct, fmtPeriod, fmtScore } from '../../lib/format.ts';

/** A suppressed count in a sentence: `<5` reads "fewer than 5". */
const few = (n: number | string | null) => (n === '<5' ? 'fewer than 5' : String(n ?? '—'));

/** Sources listed in full; more are counted. */
const MAX_SOURCES = 10;

const CONFIDENCE: Record<string, string> = {
  high: 'High: broad, recent evidence',
  medium: 'Medium',
  low: 'Low: thin or old evidence',
};
const FRAMEWORK: Record<string, string> = {
  crsv: 'CRSV matrix',
  osce: 'OSCE',
  afac: 'Atrocity Framework',
  tip: 'Trafficking',
};

/** Score and class, change, coverage and confidence, side by side. */
export function KeyFigures({ brief }: { brief: BriefDocument }) {
  const s = brief.score;
  const cls = asClass(s.class);
  return (
    <dl className="brief-figures">
      <div>
        <dt>Score</dt>
        <dd className="brief-score">
          <span className="brief-swatch" style={{ background: CLASS_COLORS[cls] }} />
          {fmtScore(s.score)}
          <small> / 10</small>
        </dd>
        <dd>{CLASS_LABELS[cls]}</dd>
      </div>
      <div>
        <dt>Change</dt>
        <dd className="brief-big">{fmtChange(s.trend)}</dd>
        <dd>over 3 months · {fmtChange(s.trend12)} over 12</dd>
      </div>
      <div>
        <dt>Coverage</dt>
        <dd className="brief-big">{fmtPct(s.coverage)}</dd>
        <dd>
          of the lens's weight observed; evidence in {few(brief.evidence.riskFactors)} of{' '}
          {brief.evidence.riskFactorsInLens} risk factors
        </dd>
      </div>
      <div>
        <dt>Confidence</dt>
        <dd className="brief-big">{s.confidence ? s.confidence[0]!.toUpperCase() + s.confidence.slice(1) : '—'}</dd>
        <dd>{s.confidence ? (CONFIDENCE[s.confidence] ?? '') : 'no evidence'}</dd>
      </div>
      {s.rolledUpFrom && (
        <p className="brief-small brief-rollup">
          Shown at the score of its highest-scoring region, {s.rolledUpFrom.name}.
        </p>
      )}
    </dl>
  );
}

/** The indicators adding most to the score, each with its observed value, when, how old and where it was recorded. */
export function BriefDrivers({ brief }: { brief: BriefDocument }) {
  if (brief.drivers.length === 0)
    return <p className="brief-empty">Nothing observed for this lens in this month: no drivers to show.</p>;
  return (
    <ol className="brief-drivers">
      {brief.drivers.map((d) => (
        <li key={d.indicatorId}>
          <span className="brief-points">+{d.points.toFixed(1)}</span>
          <strong>{d.label}</strong>{' '}
          <span className="brief-tag">
            {FRAMEWORK[d.framework] ?? d.framework} ·{' '}
            {d.relevance === 'direct' ? 'direct sign' : d.relevance === 'indirect' ? 'indirect sign' : 'context'}
          </span>
          <br />
          <span className="brief-reason">
            {d.value}
            {d.observedPeriod ? `, ${fmtPeriod(d.observedPeriod)}` : ''}
            {d.ageMonths ? ` (${d.ageMonths} month${d.ageMonths === 1 ? '' : 's'} old, weight faded)` : ''}
            {d.inherited ? `, recorded for ${brief.region.parent?.name ?? 'the country'} as a whole` : ''}
            {d.confidence ? `; ${d.confidence} confidence` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Likely exploitation forms as shares of the observed evidence. */
export function BriefForms({ brief }: { brief: BriefDocument }) {
  const forms = [...brief.forms].sort((a, b) => b.share - a.share).slice(0, 6);
  if (forms.length === 0)
    return <p className="brief-empty">No observed indicator points to a particular form of exploitation.</p>;
  const max = forms[0]!.share;
  return (
    <ul className="brief-forms">
      {forms.map((f) => (
        <li key={f.form}>
          <span>{f.label}</span>
          <span className="brief-bar">
            <span style={{ width: `${(f.share / max) * 100}%` }} />
          </span>
          <span>{Math.round(f.share * 100)}%</span>
        </li>
      ))}
      <li className="brief-small">
        Shares of the weighted evidence that signals each form; an indicator can signal several.
      </li>
    </ul>
  );
}

/** What the score rests on and what it does not: risk factors with and without evidence, dated and inherited evidence. */
export function BriefGaps({ brief }: { brief: BriefDocument }) {
  const g = brief.gaps;
  return (
    <div className="brief-gaps">
      <p>
        {fmtPct(brief.score.coverage)} of the lens's weight is observed. Evidence covers{' '}
        {few(brief.evidence.riskFactors)} of the lens's {brief.evidence.riskFactorsInLens} risk factors; the others are{' '}
        <strong>unknown, not low</strong>.
      </p>
      {brief.score.class === 'insufficient-data' && (
        <p>
          The evidence is too thin for a risk class: a class needs corroborated evidence across several risk factors.
        </p>
      )}
      {g.dated.length > 0 && (
        <p>Dated evidence: {g.dated.map((d) => `${d.label} (${fmtPeriod(d.observedPeriod)})`).join('; ')}.</p>
      )}
      {g.inherited.length > 0 && (
        <p>Recorded for the country as a whole rather than this region: {g.inherited.join('; ')}.</p>
      )}
      <h3>Risk factors with evidence</h3>
      <p className="brief-list">{g.riskFactorsObserved.join(' · ') || 'None.'}</p>
      <h3>Risk factors with nothing observed</h3>
      <p className="brief-list brief-muted">{g.riskFactorsMissing.join(' · ') || 'None.'}</p>
    </div>
  );
}

/** The documents cited by the observations behind the score, then the data sets and catalogue. */
export function BriefSources({ brief }: { brief: BriefDocument }) {
  const shown = brief.sources.slice(0, MAX_SOURCES);
  const m = brief.metadata;
  return (
    <div className="brief-sources">
      {shown.length === 0 ? (
        <p className="brief-empty">No observation is behind this score.</p>
      ) : (
        <ol>
          {shown.map((s) => (
            <li key={s.citation}>
              {s.citation}
              {s.locators.length > 0 && <span className="brief-muted"> ({s.locators.join('; ')})</span>}
            </li>
          ))}
        </ol>
      )}
      {brief.sources.length > shown.length && (
        <p className="brief-small">
          And {brief.sources.length - shown.length} more documents, listed in the region's profile in Vigil.
        </p>
      )}
      <p className="brief-small">
        Data sets: {m.dataSets.map((d) => `${d.name} (${d.licence})`).join('; ') || 'none'}. Indicator catalogue{' '}
        {m.catalogueVersion ?? '—'}.
      </p>
    </div>
  );
}
