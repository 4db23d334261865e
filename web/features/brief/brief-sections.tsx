import type { BriefDocument } from '../../queries/exports.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { t, tRich, translated } from '../../i18n/messages.ts';
import { fmtChange, fmtPct, fmtPeriod, fmtScore } from '../../lib/format.ts';
import { formLabel, indicatorLabel } from '../../i18n/catalogue-labels.tsx';

/** A suppressed count in a sentence: `<5` reads "fewer than 5". */
const few = (n: number | string | null) => (n === '<5' ? t('brief.fewerThan5') : String(n ?? '—'));

/** Sources listed in full; more are counted. */
const MAX_SOURCES = 10;

const LEVELS = ['high', 'medium', 'low'] as const;
const CONFIDENCE: Readonly<Record<string, string>> = translated(LEVELS, (c) => `confidence.${c}`);
const CONFIDENCE_WORD: Readonly<Record<string, string>> = translated(LEVELS, (c) => `brief.confidence.${c}`);
const FRAMEWORK: Readonly<Record<string, string>> = translated(
  ['crsv', 'osce', 'afac', 'tip'] as const,
  (f) => `brief.framework.${f}`,
);
const RELEVANCE: Readonly<Record<string, string>> = translated(
  ['direct', 'indirect', 'context'] as const,
  (r) => `brief.relevance.${r}`,
);

/** Score and class, change, coverage and confidence, side by side. */
export function KeyFigures({ brief }: { brief: BriefDocument }) {
  const s = brief.score;
  const cls = asClass(s.class);
  return (
    <dl className="brief-figures">
      <div>
        <dt>{t('model.score')}</dt>
        <dd className="brief-score">
          <span className="brief-swatch" style={{ background: CLASS_COLORS[cls] }} />
          {fmtScore(s.score)}
          <small> {t('brief.outOf10')}</small>
        </dd>
        <dd>{CLASS_LABELS[cls]}</dd>
      </div>
      <div>
        <dt>{t('profile.change')}</dt>
        <dd className="brief-big">{fmtChange(s.trend)}</dd>
        <dd>{t('brief.changeDetail', { c12: fmtChange(s.trend12) })}</dd>
      </div>
      <div>
        <dt>{t('profile.coverage')}</dt>
        <dd className="brief-big">{fmtPct(s.coverage)}</dd>
        <dd>
          {t('brief.coverageDetail', {
            observed: few(brief.evidence.riskFactors),
            total: brief.evidence.riskFactorsInLens,
          })}
        </dd>
      </div>
      <div>
        <dt>{t('profile.confidence')}</dt>
        <dd className="brief-big">{s.confidence ? (CONFIDENCE_WORD[s.confidence] ?? s.confidence) : '—'}</dd>
        <dd>{s.confidence ? (CONFIDENCE[s.confidence] ?? '') : t('brief.noEvidence')}</dd>
      </div>
      {s.rolledUpFrom && (
        <p className="brief-small brief-rollup">{t('brief.rolledUp', { name: s.rolledUpFrom.name })}</p>
      )}
    </dl>
  );
}

/** The indicators adding most to the score, each with its observed value, when, how old and where it was recorded. */
export function BriefDrivers({ brief }: { brief: BriefDocument }) {
  if (brief.drivers.length === 0) return <p className="brief-empty">{t('driver.none')}</p>;
  return (
    <ol className="brief-drivers">
      {brief.drivers.map((d) => (
        <li key={d.indicatorId}>
          <span className="brief-points">{fmtChange(d.points)}</span>
          <strong>{indicatorLabel(d.indicatorId, d.label)}</strong>{' '}
          <span className="brief-tag">
            {FRAMEWORK[d.framework] ?? d.framework} · {RELEVANCE[d.relevance] ?? RELEVANCE.context}
          </span>
          <br />
          <span className="brief-reason">
            {d.value}
            {d.observedPeriod ? `, ${fmtPeriod(d.observedPeriod)}` : ''}
            {d.ageMonths ? ` ${t('brief.aged', { months: d.ageMonths })}` : ''}
            {d.inherited ? t('brief.inherited', { name: brief.region.parent?.name ?? t('driver.theCountry') }) : ''}
            {d.confidence ? t('brief.driverConfidence', { level: CONFIDENCE_WORD[d.confidence] ?? d.confidence }) : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Likely exploitation forms as shares of the observed evidence. */
export function BriefForms({ brief }: { brief: BriefDocument }) {
  const forms = [...brief.forms].sort((a, b) => b.share - a.share).slice(0, 6);
  if (forms.length === 0) return <p className="brief-empty">{t('forms.none')}</p>;
  const max = forms[0]!.share;
  return (
    <ul className="brief-forms">
      {forms.map((f) => (
        <li key={f.form}>
          <span>{formLabel(f.form, f.label)}</span>
          <span className="brief-bar">
            <span style={{ width: `${(f.share / max) * 100}%` }} />
          </span>
          <span>{fmtPct(f.share)}</span>
        </li>
      ))}
      <li className="brief-small">{t('brief.formsNote')}</li>
    </ul>
  );
}

/** What the score rests on and what it does not: risk factors with and without evidence, dated and inherited evidence. */
export function BriefGaps({ brief }: { brief: BriefDocument }) {
  const g = brief.gaps;
  return (
    <div className="brief-gaps">
      <p>
        {tRich('brief.gapsText', {
          pct: fmtPct(brief.score.coverage),
          observed: few(brief.evidence.riskFactors),
          total: brief.evidence.riskFactorsInLens,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      {brief.score.class === 'insufficient-data' && <p>{t('brief.tooThin')}</p>}
      {g.dated.length > 0 && (
        <p>
          {t('brief.dated', { list: g.dated.map((d) => `${d.label} (${fmtPeriod(d.observedPeriod)})`).join('; ') })}
        </p>
      )}
      {g.inherited.length > 0 && <p>{t('brief.inheritedList', { list: g.inherited.join('; ') })}</p>}
      <h3>{t('brief.factorsObserved')}</h3>
      <p className="brief-list">{g.riskFactorsObserved.join(' · ') || t('brief.none')}</p>
      <h3>{t('brief.factorsMissing')}</h3>
      <p className="brief-list brief-muted">{g.riskFactorsMissing.join(' · ') || t('brief.none')}</p>
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
        <p className="brief-empty">{t('observations.none')}</p>
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
        <p className="brief-small">{t('brief.moreSources', { count: brief.sources.length - shown.length })}</p>
      )}
      <p className="brief-small">
        {t('brief.dataSets', {
          list: m.dataSets.map((d) => `${d.name} (${d.licence})`).join('; ') || t('brief.noneLower'),
          catalogue: m.catalogueVersion ?? '—',
        })}
      </p>
    </div>
  );
}
